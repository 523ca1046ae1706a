package io.github.qdrantjca.faults.wildfly;

import io.github.qdrantjca.it.support.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the unpacked WildFly once per test JVM, before Arquillian starts it (the container tests'
 * mechanism): applies the project's {@code src/wildfly/configure-server.cli} and the fault-suite
 * pools ({@code fault-pools.cli}) to {@code standalone.xml} with an embedded (offline) CLI, and picks
 * a free port offset, published as {@code wildfly.port.offset} / {@code wildfly.management.port}.
 */
public final class WildFlyFaultServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WildFlyFaultServer.class);
    private static final long CLI_TIMEOUT_SECONDS = 120;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("prepared", key -> prepare());
    }

    /** The HTTP base URI of the server. */
    static URI http() {
        return URI.create("http://127.0.0.1:" + (8080 + offset()) + "/");
    }

    /** The management base URI, where MicroProfile Health lives. */
    static URI management() {
        return URI.create("http://127.0.0.1:" + (9990 + offset()) + "/");
    }

    /** The server's home directory. */
    static Path home() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    private static int offset() {
        return Integer.getInteger("wildfly.port.offset");
    }

    private static Boolean prepare() {
        int offset = FreePorts.offsetFor(8080, 8443, 9990, 9993);
        System.setProperty("wildfly.port.offset", Integer.toString(offset));
        System.setProperty("wildfly.management.port", Integer.toString(9990 + offset));
        try {
            configure(home(), Path.of(System.getProperty("wildfly.scripts")));
        } catch (IOException e) {
            throw new IllegalStateException("could not configure WildFly: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring WildFly", e);
        }
        return Boolean.TRUE;
    }

    private static void configure(Path home, Path scripts) throws IOException, InterruptedException {
        StringBuilder cli = new StringBuilder("embed-server --std-out=discard --server-config=standalone.xml\n");
        cli.append(Files.readString(scripts.resolve("configure-server.cli"), StandardCharsets.UTF_8)).append('\n');
        try (var pools = WildFlyFaultServer.class.getResourceAsStream("/fault-pools.cli")) {
            cli.append(new String(pools.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
        cli.append("stop-embedded-server\n");
        Path file = home.resolve("qdrant-fault-setup.cli");
        Files.writeString(file, cli, StandardCharsets.UTF_8);
        Path log = home.resolve("qdrant-fault-setup.out");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.cli",
                "--file=" + file)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JBOSS_HOME", home.toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WildFly CLI did not finish within " + CLI_TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("WildFly CLI failed (exit " + process.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
