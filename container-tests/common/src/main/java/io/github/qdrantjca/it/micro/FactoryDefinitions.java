package io.github.qdrantjca.it.micro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Finds the classes of a WAR that carry a {@code @ConnectionFactoryDefinition} of a given JNDI name. */
final class FactoryDefinitions {

    private static final byte[] ANNOTATION =
            "Ljakarta/resource/ConnectionFactoryDefinition;".getBytes(StandardCharsets.US_ASCII);

    private FactoryDefinitions() {}

    /**
     * The entries under {@code WEB-INF/classes} whose constant pool holds both the annotation type and
     * {@code jndiName} (an ASCII name is stored as is in a class file), sorted.
     */
    static List<String> classesDefining(Path war, String jndiName) throws IOException {
        byte[] name = jndiName.getBytes(StandardCharsets.US_ASCII);
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().startsWith("WEB-INF/classes/") || !entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] bytes;
                try (var in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (contains(bytes, ANNOTATION) && contains(bytes, name)) {
                    found.add(entry.getName());
                }
            }
        }
        Collections.sort(found);
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
