package io.github.qdrantjca.bench.driver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro child process with the adapter RAR deployed first and the harness WAR second, the
 * way the container tests start it. {@link #close()} stops it (and any process it started), also
 * when start-up failed.
 */
final class PayaraMicro implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PayaraMicro(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts Payara Micro ({@code microJar}, on the JDK in {@code javaHome}) on a free port with
     * {@code qdrant.host}/{@code qdrant.port} as system properties and waits (up to {@code startup})
     * until the harness answers. Its root directory and console log go to {@code workDir}.
     */
    static PayaraMicro start(Path javaHome, Path microJar, Path rar, Path war, Path workDir, String qdrantHost,
            int qdrantPort, Duration startup) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path root = workDir.resolve("micro-root");
        deleteRecursively(root); // a root directory reused from an earlier run breaks the RAR's deployment
        Files.createDirectories(root);
        Path log = workDir.resolve("payara-micro.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-Xmx1g",
                "-Djava.io.tmpdir=" + root,
                "-Dqdrant.host=" + qdrantHost,
                "-Dqdrant.port=" + qdrantPort));
        String extra = System.getProperty("bench.micro.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", microJar.toAbsolutePath().toString(),
                "--rootdir", root.toString(),
                "--nocluster",
                "--port", Integer.toString(port),
                "--deploy", rar.toAbsolutePath().toString(),
                "--deploy", war.toAbsolutePath().toString()));
        // Each server works in its own directory, so that relative files of extra options (a JFR recording) do not clash.
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        PayaraMicro micro = new PayaraMicro(process, port, log);
        try {
            micro.awaitReady(startup);
            return micro;
        } catch (IOException | InterruptedException | RuntimeException e) {
            micro.close();
            throw e;
        }
    }

    private void awaitReady(Duration startup) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + startup.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Payara Micro exited with " + process.exitValue() + " during start-up; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains("Exception while deploying the app")) {
                throw new IOException("a deployment failed in Payara Micro; see " + log);
            }
            try {
                if (get("ping").equals("ok")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet: poll again below
            }
            process.waitFor(500, TimeUnit.MILLISECONDS); // returns at once if it exits
        }
        throw new IOException("the benchmark harness did not answer within " + startup.toSeconds() + " s; see " + log);
    }

    /** GET {@code /api/bench/<path>}; the body, or an IOException for a status other than 200. */
    String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** POST {@code /api/bench/<pathAndQuery>} with no body, waiting up to {@code timeout}. */
    String post(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** POST like {@link #post}, without waiting: the body once it comes. */
    java.util.concurrent.CompletableFuture<String> postAsync(String pathAndQuery, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new java.util.concurrent.CompletionException(new IOException(request.method() + " "
                        + request.uri() + " answered " + response.statusCode() + ": " + response.body()));
            }
            return response.body().trim();
        });
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/qdrant-benchmarks/api/bench/" + path);
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body().trim();
    }

    /** The server's process, for its CPU time. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Payara Micro's console output. */
    Path log() {
        return log;
    }

    /** Stops the server: destroy, then force after 20 s; also the processes it started. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
