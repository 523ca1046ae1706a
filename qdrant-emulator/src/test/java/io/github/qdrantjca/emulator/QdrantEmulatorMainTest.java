package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone entry point, in-process: option parsing and the ready line. See StandaloneJarIT for the jar. */
class QdrantEmulatorMainTest {

    @Test
    void startPrintsTheReadyLineAndTheEmulatorAnswersHealth() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QdrantEmulator emulator = QdrantEmulatorMain.parse(new String[] {"--port", "0", "--api-key", "k"})
                .build()) {
            QdrantEmulatorMain.start(emulator, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(out.toString(StandardCharsets.UTF_8).trim())
                    .isEqualTo("Qdrant emulator listening on 127.0.0.1:" + emulator.port());
            assertThat(emulator.apiKey()).isEqualTo("k");
            try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(emulator.host(),
                    emulator.port(), false, false).build())) {
                assertThat(client.healthCheckAsync(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).getVersion())
                        .isEqualTo("1.18.0");
            }
        }
    }

    @Test
    void defaultPortIsQdrantsGrpcPort() {
        assertThat(QdrantEmulatorMain.DEFAULT_PORT).isEqualTo(6334);
    }

    @Test
    void unknownOptionsAndIncompleteTlsAreRejected() {
        assertThatThrownBy(() -> QdrantEmulatorMain.parse(new String[] {"--bogus"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown option: --bogus");
        assertThatThrownBy(() -> QdrantEmulatorMain.parse(new String[] {"--tls-cert", "c.pem"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--tls-cert and --tls-key go together");
        assertThatThrownBy(() -> QdrantEmulatorMain.parse(new String[] {"--port"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a value");
        assertThatThrownBy(() -> QdrantEmulatorMain.parse(new String[] {"--port", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a number, got x");
    }
}
