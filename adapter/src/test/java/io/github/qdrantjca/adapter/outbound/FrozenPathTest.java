package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A network path that goes silent (the emulator's freeze: no byte passes, HTTP/2 pings go
 * unanswered): the keepalive condemns a connection with a call in flight and one idle in the pool,
 * each with one CONNECTION_ERROR_OCCURRED, within keepalive time + timeout + 1 s, long before the
 * call's own deadline.
 */
class FrozenPathTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final long KEEPALIVE_MILLIS = 10_000; // gRPC Java's floor
    private static final long KEEPALIVE_TIMEOUT_MILLIS = 1_000;
    private static final long BOUND_MILLIS = KEEPALIVE_MILLIS + KEEPALIVE_TIMEOUT_MILLIS + 1_000;
    private static final long CALL_DEADLINE_MILLIS = 60_000;

    @BeforeEach
    void emulated() {
        Assumptions.assumeTrue(QDRANT.isEmulated(), "needs the emulator's freeze fault");
    }

    @AfterEach
    void thaw() {
        QDRANT.emulator().thaw();
    }

    /** Records when the first error event arrived and how many did. */
    static final class ErrorClock extends Fixtures.RecordingListener {
        final AtomicLong firstErrorAt = new AtomicLong();

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            firstErrorAt.compareAndSet(0, System.nanoTime());
            super.connectionErrorOccurred(event);
        }
    }

    @ParameterizedTest(name = "sharedChannels={0}")
    @ValueSource(ints = {0, 2})
    void aHeldCallAndAnIdleConnectionAreCondemnedWithinKeepaliveTimePlusTimeout(int sharedChannels) throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setKeepAliveTimeMillis(KEEPALIVE_MILLIS);
        mcf.setKeepAliveTimeoutMillis(KEEPALIVE_TIMEOUT_MILLIS);
        mcf.setCallTimeoutMillis(CALL_DEADLINE_MILLIS);
        mcf.setSharedChannels(sharedChannels);
        QdrantManagedConnection held = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        QdrantManagedConnection idle = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        ErrorClock heldEvents = new ErrorClock();
        ErrorClock idleEvents = new ErrorClock();
        held.addConnectionEventListener(heldEvents);
        idle.addConnectionEventListener(idleEvents);
        try (QdrantConnection handle = (QdrantConnection) held.getConnection(null, null)) {
            assertThat(handle.client().healthCheckAsync().get().getTitle()).isNotEmpty();

            QDRANT.emulator().freeze();
            long frozenAt = System.nanoTime();
            CompletableFuture<Long> call = new CompletableFuture<>();
            var pending = handle.client().healthCheckAsync();
            pending.addListener(() -> call.complete(System.nanoTime()), Runnable::run);

            await().atMost(Duration.ofMillis(BOUND_MILLIS + 5_000))
                    .until(() -> call.isDone() && heldEvents.errors.get() > 0 && idleEvents.errors.get() > 0);
            long callEnded = Duration.ofNanos(call.get() - frozenAt).toMillis();
            long heldCondemned = Duration.ofNanos(heldEvents.firstErrorAt.get() - frozenAt).toMillis();
            long idleCondemned = Duration.ofNanos(idleEvents.firstErrorAt.get() - frozenAt).toMillis();
            System.out.printf("frozen path, sharedChannels=%d: held call ended after %d ms, held connection condemned "
                    + "after %d ms, idle connection after %d ms%n", sharedChannels, callEnded, heldCondemned, idleCondemned);

            try {
                pending.get();
                throw new AssertionError("the call through a frozen path succeeded");
            } catch (ExecutionException e) {
                assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            assertThat(callEnded).as("held call").isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(heldCondemned).as("held connection").isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(idleCondemned).as("idle connection").isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(held.state()).isEqualTo(QdrantManagedConnection.State.BROKEN);
            assertThat(idle.state()).isEqualTo(QdrantManagedConnection.State.BROKEN);
            assertThat(mcf.matchManagedConnections(java.util.Set.of(held, idle), null, null)).isNull();
            // A pool that borrows it anyway, right after the event, gets a clear refusal, not a dead handle.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> idle.getConnection(null, null))
                    .isInstanceOf(jakarta.resource.spi.IllegalStateException.class)
                    .hasMessageContaining("is broken").hasMessageContaining("awaits destruction");
        } finally {
            held.destroy();
            idle.destroy();
        }
        assertThat(heldEvents.errors.get()).as("error events of the held connection").isEqualTo(1);
        assertThat(idleEvents.errors.get()).as("error events of the idle connection").isEqualTo(1);
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }
}
