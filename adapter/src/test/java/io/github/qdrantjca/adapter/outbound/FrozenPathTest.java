package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    /**
     * Both channel layouts under one freeze (gRPC's 10 s keepalive floor makes each wait 11 s): a factory with a
     * channel per connection (sharedChannels 0) and one whose connections share channels (2).
     */
    @Test
    void aHeldCallAndAnIdleConnectionAreCondemnedWithinKeepaliveTimePlusTimeout() throws Exception {
        List<Layout> layouts = new ArrayList<>();
        try {
            for (int sharedChannels : new int[] {0, 2}) {
                layouts.add(new Layout(sharedChannels));
            }
            QDRANT.emulator().freeze();
            long frozenAt = System.nanoTime();
            for (Layout layout : layouts) {
                layout.startHeldCall();
            }

            await().atMost(Duration.ofMillis(BOUND_MILLIS + 5_000)).until(() -> layouts.stream().allMatch(Layout::condemned));
            for (Layout layout : layouts) {
                layout.assertCondemnedInTime(frozenAt);
            }
        } finally {
            for (Layout layout : layouts) {
                layout.close();
            }
        }
        for (Layout layout : layouts) {
            assertThat(layout.heldEvents.errors.get()).as("error events of the held connection, %s", layout).isEqualTo(1);
            assertThat(layout.idleEvents.errors.get()).as("error events of the idle connection, %s", layout).isEqualTo(1);
            assertThat(layout.mcf.statistics().physicalOpen()).as("%s", layout).isZero();
        }
    }

    /** One factory, a connection with a handle and a call in flight, and one idle connection. */
    private static final class Layout {
        final int sharedChannels;
        final QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        final QdrantManagedConnection held;
        final QdrantManagedConnection idle;
        final ErrorClock heldEvents = new ErrorClock();
        final ErrorClock idleEvents = new ErrorClock();
        final QdrantConnection handle;
        final CompletableFuture<Long> callEndedAt = new CompletableFuture<>();
        ListenableFuture<?> pending;

        Layout(int sharedChannels) throws Exception {
            this.sharedChannels = sharedChannels;
            mcf.setKeepAliveTimeMillis(KEEPALIVE_MILLIS);
            mcf.setKeepAliveTimeoutMillis(KEEPALIVE_TIMEOUT_MILLIS);
            mcf.setCallTimeoutMillis(CALL_DEADLINE_MILLIS);
            mcf.setSharedChannels(sharedChannels);
            held = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
            idle = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
            held.addConnectionEventListener(heldEvents);
            idle.addConnectionEventListener(idleEvents);
            handle = (QdrantConnection) held.getConnection(null, null);
            assertThat(handle.client().healthCheckAsync().get().getTitle()).isNotEmpty();
        }

        void startHeldCall() {
            pending = handle.client().healthCheckAsync();
            pending.addListener(() -> callEndedAt.complete(System.nanoTime()), Runnable::run);
        }

        boolean condemned() {
            return callEndedAt.isDone() && heldEvents.errors.get() > 0 && idleEvents.errors.get() > 0;
        }

        void assertCondemnedInTime(long frozenAt) throws Exception {
            long callEnded = Duration.ofNanos(callEndedAt.get() - frozenAt).toMillis();
            long heldCondemned = Duration.ofNanos(heldEvents.firstErrorAt.get() - frozenAt).toMillis();
            long idleCondemned = Duration.ofNanos(idleEvents.firstErrorAt.get() - frozenAt).toMillis();
            System.out.printf("frozen path, %s: held call ended after %d ms, held connection condemned after %d ms, "
                    + "idle connection after %d ms%n", this, callEnded, heldCondemned, idleCondemned);

            assertThatThrownBy(pending::get).as("the call through a frozen path, %s", this)
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThat(callEnded).as("held call, %s", this).isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(heldCondemned).as("held connection, %s", this).isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(idleCondemned).as("idle connection, %s", this).isLessThanOrEqualTo(BOUND_MILLIS);
            assertThat(held.state()).as("%s", this).isEqualTo(QdrantManagedConnection.State.BROKEN);
            assertThat(idle.state()).as("%s", this).isEqualTo(QdrantManagedConnection.State.BROKEN);
            assertThat(mcf.matchManagedConnections(Set.of(held, idle), null, null)).as("%s", this).isNull();
            // A pool that borrows it anyway, right after the event, gets a clear refusal, not a dead handle.
            assertThatThrownBy(() -> idle.getConnection(null, null)).as("%s", this)
                    .isInstanceOf(jakarta.resource.spi.IllegalStateException.class)
                    .hasMessageContaining("is broken").hasMessageContaining("awaits destruction");
        }

        void close() throws Exception {
            try {
                handle.close();
            } finally {
                held.destroy();
                idle.destroy();
            }
        }

        @Override
        public String toString() {
            return "sharedChannels=" + sharedChannels;
        }
    }
}
