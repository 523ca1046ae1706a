package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.transport.AdapterCounters;
import io.github.qdrantjca.adapter.transport.Endpoint;
import io.github.qdrantjca.adapter.transport.PhysicalConnection;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two races of a managed connection's life, each run many times, each with its invariant. */
class LifecycleRacesTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    /**
     * Handle close against associateConnection. Invariant: an open handle is in exactly one managed
     * connection's set, and its close is reported once, by the connection that held it then.
     */
    @Test
    void aHandleClosedWhileItIsMovedIsClosedOnceOnTheConnectionThatHeldIt() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setSharedChannels(1);
        QdrantManagedConnection from = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        QdrantManagedConnection to = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2_000; i++) {
                Fixtures.RecordingListener onFrom = new Fixtures.RecordingListener();
                Fixtures.RecordingListener onTo = new Fixtures.RecordingListener();
                from.addConnectionEventListener(onFrom);
                to.addConnectionEventListener(onTo);
                QdrantConnection handle = (QdrantConnection) from.getConnection(null, null);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> close = threads.submit(() -> {
                    start.await();
                    handle.close();
                    return null;
                });
                Future<Boolean> move = threads.submit(() -> {
                    start.await();
                    try {
                        to.associateConnection(handle);
                        return true;
                    } catch (jakarta.resource.spi.IllegalStateException closedFirst) {
                        return false;
                    }
                });
                close.get();
                boolean moved = move.get();

                assertThat(onFrom.closed.get() + onTo.closed.get()).as("CLOSED events, round " + i).isEqualTo(1);
                assertThat(from.openHandles() + to.openHandles()).as("handles left, round " + i).isZero();
                if (!moved) {
                    assertThat(onFrom.closed.get()).as("closed before the move: reported by the first").isEqualTo(1);
                }
                from.removeConnectionEventListener(onFrom);
                to.removeConnectionEventListener(onTo);
            }
            assertThat(mcf.statistics().handlesOpen()).isZero();
        } finally {
            threads.shutdownNow();
            from.destroy();
            to.destroy();
        }
    }

    /**
     * A managed connection joining a physical connection against that connection breaking.
     * Invariant: the joining connection is told of the break, or its join fails, exactly one: never neither, so a
     * connection on a broken channel never reaches OPEN unknowingly.
     */
    @Test
    void aBreakRacingAJoinIsNeverMissed() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        QdrantAdapterConfig cfg = mcf.config();
        ManagedChannel unused = NettyChannelBuilder.forAddress("127.0.0.1", 9).usePlaintext().build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2_000; i++) {
                PhysicalConnection physical = new PhysicalConnection(new Endpoint("127.0.0.1", 9), unused, null,
                        new AdapterCounters());
                QdrantManagedConnection mc = new QdrantManagedConnection(mcf, cfg, null, new AdapterCounters());
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> join = threads.submit(() -> {
                    start.await();
                    return physical.addBrokenListener(mc);
                });
                Future<?> breakIt = threads.submit(() -> {
                    start.await();
                    physical.markBroken(Status.UNAVAILABLE.withDescription("test"));
                    return null;
                });
                if (join.get()) {
                    breakIt.get();
                    // Joined: then it was told of the break, so it cannot become OPEN.
                    assertThat(mc.opened(physical)).as("OPEN on a broken channel, round " + i).isFalse();
                    assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.BROKEN);
                } else {
                    // The join failed: ChannelLeases gives the lease back and never opens this one on it.
                    breakIt.get();
                    assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.OPENING);
                }
            }
        } finally {
            threads.shutdownNow();
            unused.shutdownNow();
        }
    }
}
