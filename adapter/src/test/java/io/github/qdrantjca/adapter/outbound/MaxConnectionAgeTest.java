package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection past maxConnectionAgeMillis (plus up to 10 % jitter) is renewed quietly through validation. */
class MaxConnectionAgeTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final long AGE_MILLIS = 600;

    private final Logger adapterLogger = Logger.getLogger("io.github.qdrantjca.adapter");
    private final List<LogRecord> loud = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() > Level.INFO.intValue()) {
                loud.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        adapterLogger.addHandler(recorder);
    }

    @AfterEach
    void stopListening() {
        adapterLogger.removeHandler(recorder);
    }

    @Test
    void aConnectionPastItsAgeIsInvalidAndNotMatchedOneBeforeItIsValid() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setMaxConnectionAgeMillis(AGE_MILLIS);
        Fixtures.RecordingListener events = new Fixtures.RecordingListener();
        long opened = System.nanoTime();
        QdrantManagedConnection old = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        old.addConnectionEventListener(events);
        try {
            assertThat(mcf.getInvalidConnections(Set.of(old))).isEmpty();
            assertThat(mcf.matchManagedConnections(Set.of(old), null, null)).isSameAs(old);

            await().atMost(Duration.ofMillis(AGE_MILLIS * 11 / 10 + 2_000))
                    .until(() -> mcf.matchManagedConnections(Set.of(old), null, null) == null);
            long agedAfter = Duration.ofNanos(System.nanoTime() - opened).toMillis();
            QdrantManagedConnection young = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
            try {
                assertThat(agedAfter).isGreaterThanOrEqualTo(AGE_MILLIS);
                assertThat(mcf.getInvalidConnections(Set.of(old, young))).containsExactly(old);
                assertThat(mcf.matchManagedConnections(Set.of(old, young), null, null)).isSameAs(young);
                assertThat(old.state()).isEqualTo(QdrantManagedConnection.State.AGED);
                // The container may still hand out a handle it already matched: it works until replaced.
                try (var handle = (io.github.qdrantjca.adapter.api.QdrantConnection) old.getConnection(null, null)) {
                    assertThat(handle.client().healthCheckAsync().get().getTitle()).isNotEmpty();
                }
            } finally {
                young.destroy();
            }
            assertThat(events.errors.get()).as("error events").isZero();
            assertThat(mcf.statistics().validationsFailed()).as("renewal is not a failed validation").isZero();
            assertThat(loud).as("log records above INFO").isEmpty();
        } finally {
            old.destroy();
        }
    }

    @Test
    void jitterSpreadsTheRenewalOverAtMostTenPercentOfTheAge() throws Exception {
        long age = 3_000; // a jitter range of 300 ms, wide against the polling on a loaded machine
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setMaxConnectionAgeMillis(age);
        mcf.setSharedChannels(1); // twenty managed connections on one channel: cheap to open
        List<QdrantManagedConnection> pool = new java.util.ArrayList<>();
        long opened = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            pool.add((QdrantManagedConnection) mcf.createManagedConnection(null, null));
        }
        long openedAll = Duration.ofNanos(System.nanoTime() - opened).toMillis();
        try {
            java.util.Map<QdrantManagedConnection, Long> agedAt = new java.util.concurrent.ConcurrentHashMap<>();
            await().atMost(Duration.ofMillis(age * 11 / 10 + openedAll + 2_000)).pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        for (QdrantManagedConnection mc : pool) {
                            if (!agedAt.containsKey(mc) && mc.state() == QdrantManagedConnection.State.AGED) {
                                agedAt.put(mc, Duration.ofNanos(System.nanoTime() - opened).toMillis());
                            }
                        }
                        return agedAt.size() == pool.size();
                    });
            assertThat(agedAt.values()).allSatisfy(t -> assertThat(t).isBetween(age, age * 11 / 10 + openedAll + 500));
            assertThat(agedAt.values().stream().distinct().count()).as("not all at once").isGreaterThan(1);
        } finally {
            for (QdrantManagedConnection mc : pool) {
                mc.destroy();
            }
        }
    }
}
