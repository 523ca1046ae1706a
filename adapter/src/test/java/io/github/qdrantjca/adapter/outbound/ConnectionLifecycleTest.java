package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handles and managed connections through their whole lifecycle, without a pool in between. */
class ConnectionLifecycleTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantManagedConnectionFactory mcf;
    private final List<QdrantManagedConnection> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mcf = Fixtures.mcf(QDRANT);
        if (QDRANT.isEmulated()) {
            // Connections of the previous test are closed at the server asynchronously.
            await().atMost(Duration.ofSeconds(5)).until(() -> QDRANT.emulator().openConnections() == 0);
        }
    }

    @AfterEach
    void destroyEverything() {
        opened.forEach(QdrantManagedConnection::destroy);
        if (QDRANT.isEmulated()) {
            QDRANT.emulator().stall(false);
        }
    }

    private QdrantManagedConnection open() throws Exception {
        QdrantManagedConnection mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        opened.add(mc);
        return mc;
    }

    @Test
    void aHandleWorksThenFailsAtOnceAfterClose() throws Exception {
        QdrantManagedConnection mc = open();
        QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null);
        QdrantClient kept = handle.client();
        assertThat(kept.listCollectionsAsync().get(3, TimeUnit.SECONDS)).isNotNull();
        assertThat(mcf.statistics().handlesOpen()).isEqualTo(1);

        handle.close();

        assertThat(handle.isClosed()).isTrue();
        assertThat(mcf.statistics().handlesOpen()).isZero();
        assertThatThrownBy(handle::client)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Qdrant connection handle is closed (closed by the application)");
        // A client kept from before the close fails too, thrown directly (not inside a future).
        assertThatThrownBy(kept::listCollectionsAsync)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Qdrant connection handle is closed");
        assertThatThrownBy(() -> kept.healthCheckAsync())
                .isInstanceOf(IllegalStateException.class);
        // The physical connection is untouched.
        assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.OPEN);
        assertThat(mcf.statistics().physicalOpen()).isEqualTo(1);
    }

    @Test
    void closingTwiceFiresOneClosedEvent() throws Exception {
        QdrantManagedConnection mc = open();
        Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
        mc.addConnectionEventListener(listener);
        QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null);

        handle.close();
        handle.close();

        assertThat(listener.closed.get()).isEqualTo(1);
        assertThat(listener.errors.get()).isZero();
        ConnectionEvent event = listener.events.get(0);
        assertThat(event.getId()).isEqualTo(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(event.getConnectionHandle()).isSameAs(handle);
        assertThat(event.getSource()).isSameAs(mc);
    }

    @Test
    void cleanupInvalidatesEveryHandleWithoutEvents() throws Exception {
        QdrantManagedConnection mc = open();
        Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
        mc.addConnectionEventListener(listener);
        QdrantConnection first = (QdrantConnection) mc.getConnection(null, null);
        QdrantConnection second = (QdrantConnection) mc.getConnection(null, null);
        QdrantClient kept = second.client();
        assertThat(mcf.statistics().handlesOpen()).isEqualTo(2);

        mc.cleanup();

        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isTrue();
        assertThat(mc.openHandles()).isZero();
        assertThat(mcf.statistics().handlesOpen()).isZero();
        assertThatThrownBy(kept::listCollectionsAsync)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Qdrant connection handle is closed (released by the container)");
        // Closing a handle the container already released is a no-op: no event.
        first.close();
        assertThat(listener.closed.get()).isZero();
        // The managed connection serves new handles after cleanup.
        try (QdrantConnection again = (QdrantConnection) mc.getConnection(null, null)) {
            assertThat(again.client().listCollectionsAsync().get(3, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void destroyTwiceClosesTheChannelOnce() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantManagedConnection mc = open();
        QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 1);
        long destroyedBefore = mcf.statistics().physicalDestroyed();

        mc.destroy();
        mc.destroy();

        assertThat(mcf.statistics().physicalDestroyed() - destroyedBefore).isEqualTo(1);
        assertThat(mcf.statistics().physicalOpen()).isZero();
        assertThat(handle.isClosed()).isTrue();
        assertThatThrownBy(handle::client)
                .hasMessageStartingWith("Qdrant connection handle is closed (its connection was destroyed)");
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
        assertThatThrownBy(() -> mc.getConnection(null, null))
                .isInstanceOf(jakarta.resource.spi.IllegalStateException.class)
                .hasMessageContaining("was destroyed");
    }

    @Test
    void destroyWithCallsInFlightReturnsPromptlyAndFailsTheCalls() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantManagedConnection mc = open();
        Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
        mc.addConnectionEventListener(listener);
        QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null);
        long callsBefore = emulator.callCount();
        emulator.stall(true);
        List<ListenableFuture<List<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(handle.client().listCollectionsAsync());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.callCount() >= callsBefore + 5);

        long start = System.nanoTime();
        mc.destroy();
        long destroyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // shutdown, 500 ms grace, shutdownNow, at most 500 ms more
        assertThat(destroyMillis).isLessThan(1_500);
        for (ListenableFuture<List<String>> call : calls) {
            assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StatusRuntimeException.class)
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                            .isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED));
        }
        // The container destroyed it: no error event on top.
        assertThat(listener.errors.get()).isZero();
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void associateConnectionMovesAHandleToAnotherManagedConnection() throws Exception {
        QdrantManagedConnection first = open();
        QdrantManagedConnection second = open();
        QdrantConnection handle = (QdrantConnection) first.getConnection(null, null);

        second.associateConnection(handle);
        first.destroy();

        assertThat(handle.isClosed()).isFalse();
        assertThat(first.openHandles()).isZero();
        assertThat(second.openHandles()).isEqualTo(1);
        assertThat(handle.client().listCollectionsAsync().get(3, TimeUnit.SECONDS)).isNotNull();
        Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
        second.addConnectionEventListener(listener);
        handle.close();
        assertThat(listener.closed.get()).isEqualTo(1);
        assertThat(listener.events.get(0).getSource()).isSameAs(second);
    }

    @Test
    void transactionsAreNotSupported() throws Exception {
        QdrantManagedConnection mc = open();

        assertThatThrownBy(mc::getLocalTransaction).isInstanceOf(NotSupportedException.class)
                .hasMessageContaining("NoTransaction");
        assertThatThrownBy(mc::getXAResource).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void metaDataNamesTheProductAndTheServerVersion() throws Exception {
        QdrantManagedConnection mc = open();
        try (QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null)) {
            String version = handle.client().healthCheckAsync().get(3, TimeUnit.SECONDS).getVersion();

            assertThat(mc.getMetaData().getEISProductName()).isEqualTo("Qdrant");
            assertThat(mc.getMetaData().getEISProductVersion()).isEqualTo(version).isNotBlank();
            assertThat(handle.metaData().getEISProductName()).isEqualTo("Qdrant");
            assertThat(handle.metaData().getEISProductVersion()).isEqualTo(version);
        }
    }

    @Test
    void theHandleClientsChannelIsNotThePhysicalChannel() throws Exception {
        QdrantManagedConnection mc = open();
        QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null);
        QdrantClient client = handle.client();

        assertThat(client.grpcClient().channel()).isInstanceOf(HandleScopedChannel.class);
        client.grpcClient().channel().shutdownNow();
        client.close();

        // Closing or shutting down the handle's client closes nothing physical.
        assertThat(handle.client().listCollectionsAsync().get(3, TimeUnit.SECONDS)).isNotNull();
        assertThat(mcf.statistics().physicalOpen()).isEqualTo(1);
        handle.close();
        assertThat(client.grpcClient().channel().isShutdown()).isTrue();
    }

    @Test
    void connectionsOfAStartedAdapterRunOnItsOwnThreadsAndStopEndsThem() throws Exception {
        QdrantResourceAdapter adapter = new QdrantResourceAdapter();
        adapter.start(null);
        mcf.setResourceAdapter(adapter);
        QdrantManagedConnection mc = open();
        try (QdrantConnection handle = (QdrantConnection) mc.getConnection(null, null)) {
            assertThat(handle.client().healthCheckAsync().get(5, TimeUnit.SECONDS).getVersion()).isNotEmpty();
        }
        assertThat(adapterThreads()).as("threads named qdrant-ra-* while connected").isNotEmpty();

        adapter.stop();

        assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.CLOSED);
        // stop() awaits the thread pools' termination; a thread may take a moment more to leave its last frame.
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(adapterThreads()).as("adapter threads alive after stop()").isEmpty());
    }

    private static List<String> adapterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("qdrant-ra-"))
                .toList();
    }

    @Test
    void stoppingTheResourceAdapterDestroysWhatItsPoolsStillHold() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantResourceAdapter adapter = new QdrantResourceAdapter();
        adapter.start(null);
        mcf.setResourceAdapter(adapter);
        QdrantManagedConnection first = open();
        QdrantManagedConnection second = open();
        QdrantConnection handle = (QdrantConnection) first.getConnection(null, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 2);

        adapter.stop();

        assertThat(first.state()).isEqualTo(QdrantManagedConnection.State.CLOSED);
        assertThat(second.state()).isEqualTo(QdrantManagedConnection.State.CLOSED);
        assertThat(handle.isClosed()).isTrue();
        assertThat(mcf.statistics().physicalOpen()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
        assertThat(mcf.getResourceAdapter()).isSameAs(adapter).isEqualTo(new QdrantResourceAdapter());
    }
}
