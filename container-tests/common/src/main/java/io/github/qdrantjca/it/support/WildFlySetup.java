package io.github.qdrantjca.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prepares an unpacked WildFly before Arquillian starts it: picks a free port offset, published as
 * {@code wildfly.port.offset} / {@code wildfly.management.port} for {@code arquillian.xml}, the
 * server's JDK and JVM options ({@link ServerJdk}) as {@code server.java.home} /
 * {@code server.jvm.options}, and
 * applies the project's CLI scripts (from {@code wildfly.scripts}, i.e. {@code src/wildfly}) plus a
 * suite's own pool script (a class-path resource) to {@code standalone.xml} with an embedded
 * (offline) CLI, starting from the distribution's {@code standalone.xml} each time (a second run on
 * the same unpacked server, e.g. on another JDK, configures it afresh). The container tests and the
 * fault suite each call it from their JUnit extension.
 */
public final class WildFlySetup {

    private static final long CLI_TIMEOUT_SECONDS = 120;

    private WildFlySetup() {}

    /**
     * Configures the server at {@code wildfly.home}; {@code name} names the CLI file and its log in
     * the server's home directory.
     */
    public static void prepare(List<String> projectScripts, String poolsResource, String name) {
        prepare(projectScripts, poolsResource, name, Map.of());
    }

    /**
     * Like {@link #prepare(List, String, String)}, with CLI variables ({@code set name=value} before the
     * scripts, used in them as {@code $name}). The generated CLI file holds their values: pass secrets
     * only in tests.
     */
    public static void prepare(List<String> projectScripts, String poolsResource, String name,
            Map<String, String> variables) {
        int offset = FreePorts.offsetFor(8080, 8443, 9990, 9993);
        System.setProperty("wildfly.port.offset", Integer.toString(offset));
        System.setProperty("wildfly.management.port", Integer.toString(9990 + offset));
        System.setProperty("server.java.home", ServerJdk.home().toString());
        System.setProperty("server.jvm.options", String.join(" ", ServerJdk.JVM_OPTIONS));
        try {
            configure(home(), Path.of(System.getProperty("wildfly.scripts")), projectScripts, poolsResource, name,
                    variables);
        } catch (IOException e) {
            throw new IllegalStateException("could not configure WildFly: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring WildFly", e);
        }
    }

    /** The server's home directory. */
    public static Path home() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    /** The HTTP base URI of the server, e.g. {@code http://127.0.0.1:8180/}. */
    public static URI http() {
        return URI.create("http://127.0.0.1:" + (8080 + offset()) + "/");
    }

    /** The management base URI, where MicroProfile Health lives. */
    public static URI management() {
        return URI.create("http://127.0.0.1:" + (9990 + offset()) + "/");
    }

    private static int offset() {
        return Integer.getInteger("wildfly.port.offset");
    }

    private static void configure(Path home, Path scripts, List<String> projectScripts, String poolsResource,
            String name, Map<String, String> variables) throws IOException, InterruptedException {
        Path standalone = home.resolve("standalone/configuration/standalone.xml");
        Path pristine = standalone.resolveSibling("standalone.xml.distribution");
        if (Files.exists(pristine)) {
            Files.copy(pristine, standalone, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(standalone, pristine);
        }
        StringBuilder cli = new StringBuilder("embed-server --std-out=discard --server-config=standalone.xml\n");
        variables.forEach((variable, value) -> cli.append("set ").append(variable).append('=').append(value).append('\n'));
        for (String script : projectScripts) {
            cli.append(Files.readString(scripts.resolve(script), StandardCharsets.UTF_8)).append('\n');
        }
        try (InputStream pools = WildFlySetup.class.getResourceAsStream(poolsResource)) {
            if (pools == null) {
                throw new IllegalStateException("no class-path resource " + poolsResource);
            }
            cli.append(new String(pools.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
        cli.append("stop-embedded-server\n");
        Path file = home.resolve(name + ".cli");
        Files.writeString(file, cli, StandardCharsets.UTF_8);
        Path log = home.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.cli",
                "--file=" + file)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JBOSS_HOME", home.toString());
        Process cliProcess = builder.start();
        try {
            if (!cliProcess.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WildFly CLI did not finish within " + CLI_TIMEOUT_SECONDS + " s; see " + log);
            }
            if (cliProcess.exitValue() != 0) {
                throw new IllegalStateException("WildFly CLI failed (exit " + cliProcess.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            cliProcess.destroyForcibly();
        }
    }
}
