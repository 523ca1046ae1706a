package io.github.qdrantjca.launcher;

import io.github.qdrantjca.emulator.QdrantEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The run command: starts the Qdrant emulator (unless {@code -Dqdrant.host} names a real Qdrant),
 * then Payara Micro with {@code qdrant-rar.rar} and the sample application, prints the URLs to try,
 * and stops everything on Ctrl-C.
 *
 * <p>System properties: {@code qdrant.host} / {@code qdrant.port} (a real Qdrant; default: emulator
 * on port 6334), {@code http.port} (8080), and the paths {@code payara.micro.jar}, {@code qdrant.rar},
 * {@code sample.war}, {@code sample.libs} (the sentence-embedding model, a server library),
 * {@code run.dir}, {@code qdrant.storage} (where the emulator keeps its data; set by the launcher's pom),
 * {@code payara.version} (7 and later run on a JDK of Java 21+, {@link NewerJdk}).
 */
public final class RunSample {

    private RunSample() {}

    /** Runs until the JVM is asked to stop (Ctrl-C). */
    public static void main(String[] args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String realHost = System.getProperty("qdrant.host", "").trim();
        int qdrantPort = Integer.getInteger("qdrant.port", 6334);
        int httpPort = Integer.getInteger("http.port", 8080);

        QdrantEmulator emulator = null;
        String qdrantHost = realHost;
        if (realHost.isEmpty()) {
            Path storage = path("qdrant.storage").toAbsolutePath();
            emulator = QdrantEmulator.builder().port(qdrantPort).storage(storage).build().start();
            qdrantHost = emulator.host();
            System.out.println("Qdrant emulator listening on " + qdrantHost + ":" + emulator.port()
                    + ", keeping its data in " + storage + " (delete the directory, or mvn clean, to start empty)");
        } else {
            System.out.println("Using Qdrant at " + realHost + ":" + qdrantPort);
        }

        PayaraMicroProcess micro;
        try {
            PayaraMicroProcess.Builder server = PayaraMicroProcess.builder(path("payara.micro.jar"));
            String payaraVersion = System.getProperty("payara.version", "");
            if (needsNewerJdk(payaraVersion)) {
                Path jdk = NewerJdk.home();
                System.out.println("Payara Micro " + payaraVersion + " needs Java " + NewerJdk.MINIMUM + "+: running it on "
                        + jdk + " (-D" + NewerJdk.PROPERTY + "=DIR names another)");
                // grpc-netty-shaded probes for its native transport: a restricted method call on Java 24+.
                server.javaHome(jdk).jvmOption("--enable-native-access=ALL-UNNAMED");
            }
            micro = server
                    .rootDir(path("run.dir"))
                    .httpPort(httpPort)
                    .systemProperty("qdrant.host", qdrantHost)
                    .systemProperty("qdrant.port", Integer.toString(qdrantPort))
                    .addLibs(path("sample.libs"))
                    .quiet()
                    .deploy(path("qdrant.rar"))
                    .deploy(path("sample.war"))
                    .echo(System.out)
                    .start();
        } catch (IOException | RuntimeException e) {
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        QdrantEmulator startedEmulator = emulator;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Payara Micro (pid " + micro.pid() + ")"
                    + (startedEmulator != null ? " and the Qdrant emulator" : "") + "...");
            micro.close();
            if (startedEmulator != null) {
                startedEmulator.close();
            }
            stopped.countDown();
            System.out.println("Stopped: Payara Micro" + (startedEmulator != null ? " and the Qdrant emulator" : "")
                    + (startedEmulator != null ? " are" : " is") + " no longer running.");
            System.out.flush();
            // Stopping on request is a success: exit status 0, so that Maven (the exec plugin) reports no failure.
            Runtime.getRuntime().halt(0);
        }, "run-sample-shutdown"));

        // Started by Maven (the exec plugin): if Maven goes away (Ctrl-C, kill), stop too, so nothing is left running.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));

        String app = "http://localhost:" + httpPort + "/qdrant-sample-app";
        System.out.println();
        System.out.printf("The sample is ready (%d s). Listening: HTTP %d (Payara Micro)%s.%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), httpPort,
                startedEmulator != null ? ", gRPC " + startedEmulator.port() + " (Qdrant emulator)" : "");
        System.out.println("Open " + app + "/ in a browser, or try:");
        System.out.println("  curl -X POST -H 'Content-Type: application/json' -d '[{\"id\":1,\"text\":\"The cat sleeps on the"
                + " warm windowsill\"},{\"id\":2,\"text\":\"A storm is coming tonight\"}]' " + app + "/api/documents");
        System.out.println("  curl '" + app + "/api/search?q=kitten'");
        System.out.println("  curl " + app + "/api/statistics");
        System.out.println("  curl http://localhost:" + httpPort + "/health/ready");
        System.out.println("Payara Micro log: " + micro.log() + "   Press Ctrl-C to stop everything.");
        stopped.await();
    }

    /** Payara 7 and later (Jakarta EE 11) need Java 21+; the build's JDK may be 17. */
    static boolean needsNewerJdk(String payaraVersion) {
        String major = payaraVersion.trim().split("\\.", 2)[0];
        return major.matches("\\d+") && Integer.parseInt(major) >= 7;
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run through the launcher's pom)");
        }
        return Path.of(value);
    }
}
