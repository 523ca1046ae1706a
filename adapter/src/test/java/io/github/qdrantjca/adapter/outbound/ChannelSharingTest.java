package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.transport.PhysicalConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sharedChannels=N}: the managed connections of a pool share at most N gRPC channels (TCP
 * connections) per node and API key, and every fault still ends with each channel closed once.
 */
class ChannelSharingTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final String COLLECTION = "sharing";
    private static final int POOL_MAX = 8;

    private QdrantEmulator emulator;
    private QdrantManagedConnectionFactory mcf;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        emulator = QDRANT.emulator();
        emulator.reset();
        mcf = Fixtures.mcf(QDRANT);
        Fixtures.createCollection(Fixtures.mcf(QDRANT), COLLECTION, 10); // another factory: its counters stay clean
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
        emulator.resetMaxOpenConnections();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        emulator.stall(false);
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFullPoolUnderLoadUsesOneTcpConnectionWithOneSharedChannel() throws Exception {
        mcf.setSharedChannels(1);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(POOL_MAX, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            int calls = searchFromThreads(factory, 32, 50);

            assertThat(calls).isEqualTo(32 * 50);
            assertThat(pool.maxSizeReached()).isEqualTo(POOL_MAX);
            assertThat(emulator.maxOpenConnections()).isEqualTo(1);
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(1);
            assertThat(mcf.statistics().physicalOpen()).isEqualTo(1);
            assertThat(mcf.statistics().physicalOpenPeak()).isEqualTo(1);
        }
        // The pool destroyed its 8 managed connections: the last one closed the channel.
        assertThat(mcf.statistics().physicalOpen()).isZero();
        assertThat(mcf.statistics().physicalDestroyed()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
    }

    @Test
    void managedConnectionsSpreadEvenlyOverTheSharedChannels() throws Exception {
        mcf.setSharedChannels(2);
        List<QdrantManagedConnection> opened = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            opened.add((QdrantManagedConnection) mcf.createManagedConnection(null, null));
        }
        assertThat(emulator.openConnections()).isEqualTo(2);
        assertThat(opened.stream().map(QdrantManagedConnection::physical).distinct()).hasSize(2)
                .allSatisfy(p -> assertThat(p.users()).isEqualTo(3));

        // Destroying managed connections closes a channel only with its last user.
        PhysicalConnection first = opened.get(0).physical();
        List<QdrantManagedConnection> onFirst = opened.stream().filter(mc -> mc.physical() == first).toList();
        onFirst.get(0).destroy();
        onFirst.get(1).destroy();
        assertThat(first.isClosed()).isFalse();
        assertThat(mcf.statistics().physicalOpen()).isEqualTo(2);
        onFirst.get(2).destroy();
        assertThat(first.isClosed()).isTrue();
        assertThat(mcf.statistics().physicalOpen()).isEqualTo(1);

        // The next managed connection opens a second channel again rather than crowd the first.
        QdrantManagedConnection next = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        assertThat(next.physical()).isNotSameAs(first).isNotIn(opened.stream().map(QdrantManagedConnection::physical).toList());
        assertThat(mcf.statistics().physicalOpen()).isEqualTo(2);
        opened.forEach(QdrantManagedConnection::destroy);
        next.destroy();
        assertThat(mcf.statistics().physicalOpen()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
    }

    @Test
    void aBrokenSharedChannelIsReportedByEveryManagedConnectionOnItAndReplaced() throws Exception {
        mcf.setSharedChannels(1);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(POOL_MAX, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            // Eight handles at once: eight managed connections on the one channel; seven go back idle.
            List<QdrantConnection> handles = new ArrayList<>();
            for (int i = 0; i < POOL_MAX; i++) {
                handles.add(factory.getConnection());
            }
            for (QdrantConnection handle : handles.subList(1, POOL_MAX)) {
                handle.close();
            }
            assertThat(pool.idleCount()).isEqualTo(POOL_MAX - 1);

            emulator.failNext("qdrant.Points/Search", 1, Status.UNAVAILABLE.withDescription("injected"));
            QdrantConnection inUse = handles.get(0);
            assertThatThrownBy(() -> inUse.client().searchAsync(Fixtures.search(COLLECTION)).get())
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("UNAVAILABLE: injected");

            // Idle or in use, every managed connection on the broken channel told the pool, which destroyed them.
            assertThat(pool.errorEvents()).isEqualTo(POOL_MAX);
            assertThat(pool.size()).isZero();
            assertThat(inUse.isClosed()).isTrue();
            assertThat(mcf.statistics().connectionErrors()).isEqualTo(POOL_MAX);
            assertThat(mcf.statistics().physicalOpen()).isZero();

            // The next borrower gets a fresh channel.
            try (QdrantConnection c = factory.getConnection()) {
                assertThat(c.client().searchAsync(Fixtures.search(COLLECTION)).get()).hasSize(3);
            }
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 1);
        }
    }

    @Test
    void aRequestErrorOnASharedChannelKeepsEveryConnection() throws Exception {
        mcf.setSharedChannels(1);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(POOL_MAX, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            List<QdrantConnection> handles = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                handles.add(factory.getConnection());
            }
            emulator.failNext("qdrant.Points/Search", 1, Status.NOT_FOUND.withDescription("injected"));
            assertThatThrownBy(() -> handles.get(0).client().searchAsync(Fixtures.search(COLLECTION)).get())
                    .hasRootCauseMessage("NOT_FOUND: injected");
            for (QdrantConnection handle : handles) {
                assertThat(handle.client().searchAsync(Fixtures.search(COLLECTION)).get()).hasSize(3);
                handle.close();
            }
            assertThat(pool.errorEvents()).isZero();
            assertThat(pool.size()).isEqualTo(4);
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(1);
        }
    }

    @Test
    void concurrentOpensToAStalledServerWaitForOneChannelAndAllFailWithinTheConnectTimeout() throws Exception {
        mcf.setSharedChannels(1);
        mcf.setConnectTimeoutMillis(1_000L);
        emulator.stall(true);
        int creators = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < creators; i++) {
            results.add(threads.submit(() -> {
                start.await();
                long begin = System.nanoTime();
                try {
                    ManagedConnection mc = mcf.createManagedConnection(null, null);
                    mc.destroy();
                    throw new AssertionError("a stalled server gave a connection");
                } catch (ResourceException expected) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
                }
            }));
        }
        start.countDown();
        for (Future<Long> result : results) {
            // Each waits for the one open in progress (not for the others in turn): about one connect timeout.
            assertThat(result.get(10, TimeUnit.SECONDS)).isLessThan(1_000 + 750);
        }
        assertThat(mcf.statistics().physicalCreated()).isBetween(1L, 2L);
        assertThat(mcf.statistics().physicalOpen()).isZero();
        emulator.stall(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);

        // Once the server answers again, opening works.
        QdrantManagedConnection mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        assertThat(mc.state()).isEqualTo(QdrantManagedConnection.State.OPEN);
        mc.destroy();
    }

    @Test
    void aServerThatIsDownFailsEveryOpenAndLeavesNoChannel() throws Exception {
        mcf.setSharedChannels(2);
        mcf.setConnectTimeoutMillis(1_000L);
        emulator.stop();
        try {
            List<Callable<Boolean>> opens = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                opens.add(() -> {
                    try {
                        mcf.createManagedConnection(null, null).destroy();
                        return true;
                    } catch (ResourceException expected) {
                        assertThat(expected).hasMessageContaining("Qdrant at " + QDRANT.host() + ":" + QDRANT.port());
                        return false;
                    }
                });
            }
            for (Future<Boolean> opened : threads.invokeAll(opens, 20, TimeUnit.SECONDS)) {
                assertThat(opened.get()).isFalse();
            }
            assertThat(mcf.statistics().physicalOpen()).isZero();
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(mcf.statistics().physicalDestroyed());
        } finally {
            emulator.restart();
        }
    }

    @Test
    void connectionsWithDifferentApiKeysNeverShareAChannel() throws Exception {
        mcf.setSharedChannels(1);
        QdrantManagedConnection a1 = (QdrantManagedConnection) mcf.createManagedConnection(null,
                QdrantConnectionRequestInfo.of(QdrantConnectionSpec.withApiKey("key-a")));
        QdrantManagedConnection a2 = (QdrantManagedConnection) mcf.createManagedConnection(null,
                QdrantConnectionRequestInfo.of(QdrantConnectionSpec.withApiKey("key-a")));
        QdrantManagedConnection b = (QdrantManagedConnection) mcf.createManagedConnection(null,
                QdrantConnectionRequestInfo.of(QdrantConnectionSpec.withApiKey("key-b")));
        try {
            assertThat(a1.physical()).isSameAs(a2.physical());
            assertThat(b.physical()).isNotSameAs(a1.physical());
            assertThat(emulator.openConnections()).isEqualTo(2);
        } finally {
            a1.destroy();
            a2.destroy();
            b.destroy();
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void withoutSharingEveryManagedConnectionHasItsOwnChannel() throws Exception {
        assertThat(mcf.getSharedChannels()).isZero();
        List<QdrantManagedConnection> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add((QdrantManagedConnection) mcf.createManagedConnection(null, null));
        }
        assertThat(opened.stream().map(QdrantManagedConnection::physical).distinct()).hasSize(3);
        assertThat(emulator.openConnections()).isEqualTo(3);
        opened.get(0).destroy();
        assertThat(opened.get(0).physical().isClosed()).isTrue();
        opened.forEach(QdrantManagedConnection::destroy);
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void thePeakIsTheMostChannelsOpenAtOnceOverThePoolsLife() throws Exception {
        assertThat(mcf.getSharedChannels()).isZero();
        try (PoolingConnectionManager pool = new PoolingConnectionManager(POOL_MAX, Duration.ofSeconds(10), false)) {
            int calls = searchFromThreads(Fixtures.factory(mcf, pool), 32, 20);

            assertThat(calls).isEqualTo(32 * 20);
            assertThat(pool.maxSizeReached()).isEqualTo(POOL_MAX);
            assertThat(mcf.statistics().physicalOpenPeak()).isEqualTo(POOL_MAX)
                    .isEqualTo(emulator.maxOpenConnections());
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
        // Opening and closing below the peak leaves it; going above it raises it.
        List<QdrantManagedConnection> opened = new ArrayList<>();
        for (int i = 0; i < POOL_MAX + 1; i++) {
            opened.add((QdrantManagedConnection) mcf.createManagedConnection(null, null));
            assertThat(mcf.statistics().physicalOpenPeak()).isEqualTo(Math.max(POOL_MAX, i + 1));
        }
        opened.forEach(QdrantManagedConnection::destroy);
        assertThat(mcf.statistics().physicalOpen()).isZero();
        assertThat(mcf.statistics().physicalOpenPeak()).isEqualTo(POOL_MAX + 1);
    }

    /** {@code threads} threads each make {@code each} borrow-search-return cycles; returns the successful searches. */
    private int searchFromThreads(QdrantConnectionFactory factory, int threadCount, int each) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            work.add(() -> {
                for (int i = 0; i < each; i++) {
                    try (QdrantConnection c = factory.getConnection()) {
                        if (c.client().searchAsync(Fixtures.search(COLLECTION)).get().size() == 3) {
                            ok.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        for (Future<Void> done : threads.invokeAll(work, 60, TimeUnit.SECONDS)) {
            done.get();
        }
        return ok.get();
    }
}
