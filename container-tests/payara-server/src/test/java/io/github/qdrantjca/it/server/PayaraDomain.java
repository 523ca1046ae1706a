package io.github.qdrantjca.it.server;

import io.github.qdrantjca.it.support.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Server domain of its own, on free ports, driven with asadmin ({@code appserver-cli.jar}).
 * {@link #close()} stops it and, should asadmin not manage, kills its process; a JVM shutdown hook
 * does the same if the test JVM ends early.
 */
final class PayaraDomain implements AutoCloseable {

    private static final String NAME = "qdrant-it";
    /**
     * The client compiler only, for the server and for every asadmin: a domain's start and the deployments after it
     * are class loading and code run a few times; on two cores the server compiler's work competes with them for the
     * CPU (as for Payara Micro, whose launcher starts it the same way).
     */
    private static final String CLIENT_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";
    private static final long ASADMIN_TIMEOUT_SECONDS = 240;

    private final Path home;
    private final Path domains;
    private final int portBase;
    private final Thread killOnExit = new Thread(this::kill, "payara-domain-kill-on-exit");

    private PayaraDomain(Path home, Path domains, int portBase) {
        this.home = home;
        this.domains = domains;
        this.portBase = portBase;
    }

    /** Creates and starts a fresh domain. */
    static PayaraDomain start(Path home, Path domains) throws IOException {
        // admin 48, http 80, https 81, IIOP 37-39, JMS 76, JMX 86, OSGi shell 66, debug 9
        int portBase = FreePorts.offsetFor(48, 80, 81, 37, 38, 39, 76, 86, 66, 9);
        PayaraDomain domain = new PayaraDomain(home, domains, portBase);
        Files.createDirectories(domains);
        if (Files.exists(domain.directory())) {
            domain.asadminLocal("delete-domain", "--domaindir", domains.toString(), NAME).ignoreFailure();
        }
        domain.asadminLocal("create-domain", "--nopassword=true", "--portbase", Integer.toString(portBase),
                "--domaindir", domains.toString(), NAME).check();
        domain.addServerJvmOption(CLIENT_COMPILER_ONLY);
        Runtime.getRuntime().addShutdownHook(domain.killOnExit);
        domain.asadminLocal("start-domain", "--domaindir", domains.toString(), NAME).check();
        return domain;
    }

    /** The HTTP port of the domain. */
    int httpPort() {
        return portBase + 80;
    }

    /** The domain's directory (with {@code config/domain.xml} and {@code logs/server.log}). */
    Path directory() {
        return domains.resolve(NAME);
    }

    /** Runs an asadmin subcommand against the running domain. */
    Result asadmin(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(portBase + 48)));
        all.addAll(List.of(args));
        return asadminLocal(all.toArray(String[]::new));
    }

    /**
     * Runs the asadmin subcommands of {@code commandFile} in one asadmin process ({@code multimode}),
     * with the passwords of {@code passwordFile} ({@code AS_ADMIN_...} lines).
     */
    Result asadminWithPasswords(Path passwordFile, Path commandFile) throws IOException {
        return asadmin("--passwordfile", passwordFile.toString(), "multimode", "--file", commandFile.toString());
    }

    /** Adds {@code option} to the JVM options of the domain's server (server-config), before its first start. */
    private void addServerJvmOption(String option) throws IOException {
        Path domainXml = directory().resolve("config/domain.xml");
        String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
        String first = "<jvm-options>-server</jvm-options>";
        int config = xml.indexOf("<config name=\"server-config\">");
        int at = config < 0 ? -1 : xml.indexOf(first, config);
        if (at < 0) {
            throw new IOException("no " + first + " in the server-config of " + domainXml);
        }
        at += first.length();
        Files.writeString(domainXml, xml.substring(0, at) + "\n        <jvm-options>" + option + "</jvm-options>"
                + xml.substring(at), StandardCharsets.UTF_8);
    }

    private Result asadminLocal(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CLIENT_COMPILER_ONLY,
                "-jar", home.resolve("glassfish/lib/client/appserver-cli.jar").toString(),
                "--interactive=false"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(domains, "asadmin", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            if (!process.waitFor(ASADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("asadmin " + String.join(" ", args) + " did not finish in "
                        + ASADMIN_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: asadmin " + String.join(" ", args), e);
        }
        return new Result(String.join(" ", args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        try {
            asadminLocal("stop-domain", "--kill=true", "--domaindir", domains.toString(), NAME).ignoreFailure();
        } finally {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    private Optional<Long> pid() {
        Path pidFile = domains.resolve(NAME).resolve("config/pid");
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Exit code and output of one asadmin run. */
    record Result(String command, int exitCode, String output) {

        Result check() throws IOException {
            if (exitCode != 0) {
                throw new IOException("asadmin " + command + " failed (" + exitCode + "):\n" + output);
            }
            return this;
        }

        void ignoreFailure() {
            // deliberately nothing: used for clean-up steps that may find nothing to do
        }
    }
}
