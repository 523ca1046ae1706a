package io.github.qdrantjca.it.support;

import io.github.qdrantjca.launcher.NewerJdk;
import java.nio.file.Path;
import java.util.List;

/**
 * The JDK a server under test runs on, chosen by the module's pom with the system property
 * {@value #PROPERTY}: {@code build} (default: the JDK running the build) or {@code newer} (a JDK of
 * Java 21+ found by {@link NewerJdk}, overridable with {@code -Dnewer.jdk.home}).
 */
public final class ServerJdk {

    /** System property: {@code build} or {@code newer}. */
    public static final String PROPERTY = "server.jdk";

    /**
     * Options of every server JVM. grpc-netty-shaded inside the adapter probes for Netty's native
     * transport with {@code System.loadLibrary}, which Java 24+ flags as a restricted method in an
     * unnamed module; the adapter itself uses the NIO transport. Java 17 accepts the option too.
     */
    public static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED");

    private ServerJdk() {}

    /** The home directory of the server's JDK. */
    public static Path home() {
        String choice = System.getProperty(PROPERTY, "build").trim();
        switch (choice) {
            case "build":
                return Path.of(System.getProperty("java.home"));
            case "newer":
                return NewerJdk.home();
            default:
                throw new IllegalStateException("-D" + PROPERTY + " must be build or newer, was '" + choice + "'");
        }
    }

    /** "Java 25" for the server's JDK. */
    public static String describe() {
        return "Java " + NewerJdk.featureVersion(home()).map(String::valueOf).orElse("?");
    }
}
