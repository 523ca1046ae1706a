package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getInvalidConnections: what it finds, what happens to what it finds, and how long it takes. */
@SuppressWarnings("unchecked")
class ValidationTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantEmulator emulator;
    private QdrantManagedConnectionFactory mcf;
    private final List<QdrantManagedConnection> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        emulator = QDRANT.emulator();
        emulator.reset();
        mcf = Fixtures.mcf(QDRANT);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
    }

    @AfterEach
    void tearDown() {
        emulator.stall(false);
        opened.forEach(QdrantManagedConnection::destroy);
    }

    private QdrantManagedConnection open() throws Exception {
        QdrantManagedConnection mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        opened.add(mc);
        return mc;
    }

    @Test
    void aConnectionThatFailsValidationIsDestroyedAndReplaced() throws Exception {
        try (PoolingConnectionManager pool = new PoolingConnectionManager(1, Duration.ofSeconds(5), true)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            try (QdrantConnection c = factory.getConnection()) {
                assertThat(c.client().listCollectionsAsync().get()).isEmpty();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 1);

            emulator.failNext("qdrant.Qdrant/HealthCheck", 1, Status.UNAVAILABLE.withDescription("injected"));
            try (QdrantConnection c = factory.getConnection()) {
                assertThat(c.client().listCollectionsAsync().get()).isEmpty();
            }

            assertThat(pool.validationsFailed()).isEqualTo(1);
            assertThat(pool.destroyed()).isEqualTo(1);
            assertThat(pool.created()).isEqualTo(2);
            assertThat(pool.size()).isEqualTo(1);
            assertThat(mcf.statistics().validationsFailed()).isEqualTo(1);
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(2);
            assertThat(mcf.statistics().physicalDestroyed()).isEqualTo(1);
            assertThat(mcf.statistics().physicalOpen()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 1);

            // Validation passes again: the replacement is kept.
            try (QdrantConnection c = factory.getConnection()) {
                assertThat(c.client().listCollectionsAsync().get()).isEmpty();
            }
            assertThat(pool.created()).isEqualTo(2);
            assertThat(mcf.statistics().validationsFailed()).isEqualTo(1);
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
    }

    @Test
    void anInvalidConnectionIsNeverMatchedAgain() throws Exception {
        QdrantManagedConnection mc = open();
        emulator.failNext("qdrant.Qdrant/HealthCheck", 1, Status.UNAVAILABLE);

        Set<Object> invalid = mcf.getInvalidConnections(new HashSet<>(Set.of(mc)));

        assertThat(invalid).containsExactly(mc);
        assertThat(mcf.matchManagedConnections(new HashSet<>(Set.of(mc)), null, null)).isNull();
        assertThat((Set<Object>) mcf.getInvalidConnections(new HashSet<>(Set.of(mc)))).containsExactly(mc);
    }

    @Test
    void anInterruptedValidationReturnsAtOnceAndCondemnsNoConnectionItCouldNotCheck() throws Exception {
        List<QdrantManagedConnection> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            connections.add(open());
        }
        emulator.stall(true); // the health checks stay unanswered: only the interrupt can end the wait early
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        Set<Object> invalid;
        try {
            invalid = mcf.getInvalidConnections(new HashSet<>(connections));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
        assertThat(elapsedMillis(start)).isLessThan(500);
        assertThat(invalid).isEmpty();
        assertThat(connections).allSatisfy(mc -> assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.OPEN));
        assertThat(mcf.statistics().validationsFailed()).isZero();
        emulator.stall(false);
        assertThat(mcf.getInvalidConnections(new HashSet<>(connections))).isEmpty();
    }

    @Test
    void healthyConnectionsPassBothValidationModes() throws Exception {
        QdrantManagedConnection health = open();
        mcf.setValidationMode("channel");
        QdrantManagedConnection channel = open();

        assertThat(mcf.getInvalidConnections(new HashSet<>(Set.of(health, channel)))).isEmpty();
        assertThat(mcf.statistics().validationsFailed()).isZero();
    }

    @Test
    void againstAStalledServerCallsAndValidationsReturnWithinTheirDeadlines() throws Exception {
        mcf.setCallTimeoutMillis(1_000L);
        mcf.setValidationTimeoutMillis(500L);
        List<QdrantManagedConnection> connections = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            connections.add(open());
        }
        QdrantManagedConnectionFactory channelMode = Fixtures.mcf(QDRANT);
        channelMode.setValidationMode("channel");
        channelMode.setValidationTimeoutMillis(500L);
        QdrantManagedConnection channelChecked = (QdrantManagedConnection) channelMode.createManagedConnection(null, null);
        opened.add(channelChecked);
        emulator.stall(true);

        // Eight calls at once, two on each connection: each fails with its own deadline, none waits longer.
        List<QdrantConnection> handles = new ArrayList<>();
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            QdrantConnection handle = (QdrantConnection) connections.get(i % 4).getConnection(null, null);
            handles.add(handle);
            long callStart = System.nanoTime();
            CompletableFuture<Long> millis = new CompletableFuture<>();
            var future = handle.client().listCollectionsAsync();
            future.addListener(() -> {
                try {
                    future.get();
                    millis.completeExceptionally(new AssertionError("a stalled server answered"));
                } catch (ExecutionException e) {
                    if (Status.fromThrowable(e.getCause()).getCode() == Status.Code.DEADLINE_EXCEEDED) {
                        millis.complete(elapsedMillis(callStart));
                    } else {
                        millis.completeExceptionally(e.getCause());
                    }
                } catch (InterruptedException e) {
                    millis.completeExceptionally(e);
                }
            }, Runnable::run);
            calls.add(millis);
        }
        for (CompletableFuture<Long> call : calls) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isBetween(900L, 1_000L + 500);
        }
        handles.forEach(QdrantConnection::close);

        long start = System.nanoTime();
        Set<Object> invalid = mcf.getInvalidConnections(new HashSet<>(connections));
        long validationMillis = elapsedMillis(start);

        assertThat(invalid).hasSize(4);
        assertThat(validationMillis).isLessThan(500 + 500); // all four at once, not one after another
        assertThat(mcf.statistics().validationsFailed()).isEqualTo(4);
        // A single call's deadline did not break the connection; only validation said so.
        assertThat(mcf.statistics().connectionErrors()).isZero();

        // Channel mode only sees the transport, which is fine: it answers at once and finds nothing.
        start = System.nanoTime();
        assertThat(channelMode.getInvalidConnections(new HashSet<>(Set.of(channelChecked)))).isEmpty();
        assertThat(elapsedMillis(start)).isLessThan(500 + 500);
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
