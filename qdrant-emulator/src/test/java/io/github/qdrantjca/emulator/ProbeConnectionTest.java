package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TCP probe (connect, close, no HTTP/2) is counted and logs nothing above FINE. Emulator only by nature. */
class ProbeConnectionTest {

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() > Level.FINE.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aConnectionClosedBeforeTheHandshakeIsCountedAndLogsNothingAboveFine() throws Exception {
        try (QdrantEmulator emulator = QdrantEmulator.builder().build().start()) {
            for (int i = 0; i < 3; i++) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(emulator.host(), emulator.port()), 5000);
                }
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> emulator.closedBeforeHandshake() == 3);
            assertThat(emulator.totalConnections()).isZero();
            assertThat(emulator.openConnections()).isZero();

            long start = System.nanoTime();
            emulator.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop is not held up by the probes")
                    .isLessThan(Duration.ofSeconds(3));
        }
        assertThat(logged).extracting(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : " " + r.getThrown())).isEmpty();
    }
}
