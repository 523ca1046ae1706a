package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar qdrant-emulator.jar} as a child process: starts, prints the ready line, answers, is killed. */
class StandaloneJarIT {

    private static final Pattern READY = Pattern.compile("Qdrant emulator listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final long START_DEADLINE_SECONDS = 30;

    private Process process;

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(process.isAlive()).isFalse();
        }
    }

    @Test
    void jarStartsPrintsItsPortAndAnswersHealthAndChecksTheApiKey() throws Exception {
        Path jar = Path.of(System.getProperty("emulator.jar", "target/qdrant-emulator-1.0.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = Files.createTempFile("qdrant-emulator-stderr", ".log").toFile();
        log.deleteOnExit();

        long start = System.nanoTime();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--api-key", "jar-key")
                .redirectError(log).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(START_DEADLINE_SECONDS, TimeUnit.SECONDS);
        long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("Standalone emulator printed its ready line " + readyMillis + " ms after launch");

        assertThat(line).matches(READY);
        Matcher m = READY.matcher(line);
        assertThat(m.matches()).isTrue();
        int port = Integer.parseInt(m.group(1));
        try (QdrantClient anonymous = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", port, false, false)
                .build());
                QdrantClient keyed = new QdrantClient(QdrantGrpcClient.newBuilder("127.0.0.1", port, false, false)
                        .withApiKey("jar-key").build())) {
            // the child JVM loads the server's classes on its first call: on a loaded machine that takes seconds
            assertThat(anonymous.healthCheckAsync(Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS).getTitle())
                    .isEqualTo("qdrant - vector search engine");
            Status refused = statusOf(() -> anonymous.listCollectionsAsync().get(10, TimeUnit.SECONDS));
            assertThat(refused.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(keyed.listCollectionsAsync().get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
