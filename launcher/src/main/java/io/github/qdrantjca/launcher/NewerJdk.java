package io.github.qdrantjca.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a JDK of at least {@value #MINIMUM} on this machine, for servers that need a newer Java than
 * the build's (Payara 7 needs 21): the one named by {@code -D}{@value #PROPERTY}, else the newest
 * one in the usual JVM directories ({@code /usr/lib/jvm}, {@code /usr/lib64/jvm},
 * {@code /Library/Java/JavaVirtualMachines}, and the directories holding {@code JAVA_HOME} and the
 * running JVM), the running JVM included. A JDK's version is read from its {@code release} file.
 * Nothing is downloaded: when none is found, {@link #home()} fails with a message naming the
 * property.
 */
public final class NewerJdk {

    /** System property naming the JDK to use; overrides the search. */
    public static final String PROPERTY = "newer.jdk.home";
    /** The lowest Java feature version accepted. */
    public static final int MINIMUM = 21;

    private static final List<String> JVM_DIRECTORIES =
            List.of("/usr/lib/jvm", "/usr/lib64/jvm", "/Library/Java/JavaVirtualMachines");

    private NewerJdk() {}

    /** The home directory of the JDK to use; fails with a message naming {@value #PROPERTY} when there is none. */
    public static Path home() {
        return find(System.getProperty(PROPERTY), searchDirectories());
    }

    /** {@code bin/java} of {@link #home()}. */
    public static Path java() {
        return javaOf(home());
    }

    /**
     * The JDK named by {@code override} (when not blank; it must qualify), else the newest qualifying
     * JDK in {@code directories} (each a JDK itself or a directory of JDKs).
     */
    static Path find(String override, List<Path> directories) {
        if (override != null && !override.isBlank()) {
            Path home = Path.of(override.trim()).toAbsolutePath();
            int version = featureVersion(home).orElseThrow(() -> new IllegalStateException(
                    "-D" + PROPERTY + "=" + override + " is not a JDK: no bin/java with a release file naming JAVA_VERSION"));
            if (version < MINIMUM) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + override + " is Java " + version
                        + "; a server here needs Java " + MINIMUM + " or newer");
            }
            return home;
        }
        List<Candidate> found = new ArrayList<>();
        for (Path home : candidates(directories)) {
            featureVersion(home).filter(v -> v >= MINIMUM).ifPresent(v -> found.add(new Candidate(home, v)));
        }
        return found.stream()
                .max(Comparator.comparingInt(Candidate::version).thenComparing(c -> c.home().toString()))
                .map(Candidate::home)
                .orElseThrow(() -> new IllegalStateException("no JDK of Java " + MINIMUM + " or newer found in "
                        + directories + "; install one (e.g. Temurin 21 or 25) or name it with -D" + PROPERTY
                        + "=/path/to/jdk"));
    }

    /** The Java feature version (17, 21, 25...) of the JDK at {@code home}, from its {@code release} file. */
    public static Optional<Integer> featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isRegularFile(javaOf(home))) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + release, e);
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        if (version.startsWith("1.")) {
            version = version.substring(2); // 1.8.0_402
        }
        String feature = version.split("[.+_-]", 2)[0];
        try {
            return Optional.of(Integer.parseInt(feature));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path javaOf(Path home) {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    /** The usual JVM directories, the one holding {@code JAVA_HOME}, and the running JVM with its siblings. */
    static List<Path> searchDirectories() {
        Set<Path> directories = new LinkedHashSet<>();
        JVM_DIRECTORIES.forEach(d -> directories.add(Path.of(d)));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            addWithParent(directories, Path.of(javaHome));
        }
        addWithParent(directories, Path.of(System.getProperty("java.home")));
        return List.copyOf(directories);
    }

    private static void addWithParent(Set<Path> directories, Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        directories.add(absolute);
        if (absolute.getParent() != null) {
            directories.add(absolute.getParent());
        }
    }

    /** Each directory itself, its children, and their {@code Contents/Home} (the macOS layout). */
    private static Set<Path> candidates(List<Path> directories) {
        Set<Path> homes = new LinkedHashSet<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            homes.add(directory);
            try (Stream<Path> children = Files.list(directory)) {
                children.filter(Files::isDirectory).sorted().forEach(child -> {
                    homes.add(child);
                    homes.add(child.resolve("Contents").resolve("Home"));
                });
            } catch (IOException e) {
                // an unreadable directory holds no JDK we can use
            }
        }
        return homes;
    }

    private record Candidate(Path home, int version) {}
}
