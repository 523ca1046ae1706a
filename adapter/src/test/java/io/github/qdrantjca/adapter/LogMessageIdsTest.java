package io.github.qdrantjca.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message ID the adapter logs is listed, with its meaning and remedy, in adapter/README.md, and only those. */
class LogMessageIdsTest {

    private static final Pattern ID = Pattern.compile("QDRANT-\\d{3}");

    @Test
    void theReadmeListsExactlyTheIdsTheCodeLogs() throws Exception {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ID.matcher(Files.readString(source));
                while (m.find()) {
                    inCode.add(m.group());
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = Pattern.compile("^\\| (QDRANT-\\d{3}) \\|").matcher(line);
            if (m.find()) {
                listed.add(m.group(1));
            }
        }
        assertThat(inCode).isNotEmpty();
        assertThat(listed).isEqualTo(inCode);
    }
}
