package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The adapter under a container-like pool: bounds, churn and request errors. */
class PoolBehaviourTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final String COLLECTION = "pool_behaviour";

    private QdrantManagedConnectionFactory mcf;
    private PoolingConnectionManager pool;

    @BeforeAll
    static void createCollection() throws Exception {
        Fixtures.createCollection(Fixtures.mcf(QDRANT), COLLECTION, 20);
    }

    @BeforeEach
    void setUp() {
        mcf = Fixtures.mcf(QDRANT);
        if (QDRANT.isEmulated()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> QDRANT.emulator().openConnections() == 0);
            QDRANT.emulator().resetMaxOpenConnections();
        }
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void tenThousandCyclesWithRandomApplicationFailuresLeaveNoHandleOpen() throws Exception {
        pool = new PoolingConnectionManager(4, Duration.ofSeconds(10), false);
        QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger failuresBeforeCall = new AtomicInteger();
        AtomicInteger failuresAfterCall = new AtomicInteger();
        int threads = 8;
        int cyclesPerThread = 1_250;

        runConcurrently(threads, () -> {
            for (int i = 0; i < cyclesPerThread; i++) {
                try (QdrantConnection c = factory.getConnection()) {
                    int dice = ThreadLocalRandom.current().nextInt(4);
                    if (dice == 0) {
                        failuresBeforeCall.incrementAndGet();
                        throw new IllegalArgumentException("application failure before the call");
                    }
                    List<ScoredPoint> hits = c.client().searchAsync(Fixtures.search(COLLECTION)).get();
                    assertThat(hits).hasSize(3);
                    searches.incrementAndGet();
                    if (dice == 1) {
                        failuresAfterCall.incrementAndGet();
                        throw new IllegalStateException("application failure after the call");
                    }
                } catch (IllegalArgumentException | IllegalStateException expected) {
                    // the application's own failure; the handle was closed by try-with-resources
                }
            }
            return null;
        });

        assertThat(searches.get() + failuresBeforeCall.get()).isEqualTo(threads * cyclesPerThread);
        assertThat(failuresBeforeCall.get() + failuresAfterCall.get()).isBetween(3_000, 7_000);
        assertThat(pool.closedEvents()).isEqualTo(threads * cyclesPerThread);
        assertThat(mcf.statistics().handlesOpen()).isZero();
        assertThat(pool.inUseCount()).isZero();
        assertThat(pool.maxSizeReached()).isLessThanOrEqualTo(4);
        assertThat(mcf.statistics().physicalCreated()).isLessThanOrEqualTo(4);
        assertThat(mcf.statistics().physicalDestroyed()).isZero();
        assertThat(mcf.statistics().connectionErrors()).isZero();
        if (QDRANT.isEmulated()) {
            assertThat(QDRANT.emulator().maxOpenConnections())
                    .isLessThanOrEqualTo(4);
        }
    }

    @Test
    void twoHundredThreadsOnAPoolOfEightNeverOpenMoreThanEightConnections() throws Exception {
        pool = new PoolingConnectionManager(8, Duration.ofSeconds(30), false);
        QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
        AtomicInteger searches = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        runConcurrently(200, () -> {
            start.await();
            for (int i = 0; i < 10; i++) {
                try (QdrantConnection c = factory.getConnection()) {
                    assertThat(c.client().searchAsync(Fixtures.search(COLLECTION)).get()).hasSize(3);
                    searches.incrementAndGet();
                }
            }
            return null;
        }, start);

        assertThat(searches.get()).isEqualTo(2_000);
        assertThat(pool.maxSizeReached()).isEqualTo(8);
        assertThat(mcf.statistics().physicalCreated()).isLessThanOrEqualTo(8);
        assertThat(mcf.statistics().handlesOpen()).isZero();
        if (QDRANT.isEmulated()) {
            assertThat(QDRANT.emulator().maxOpenConnections())
                    .isLessThanOrEqualTo(8);
        }
    }

    @Test
    void aThousandRequestErrorsDestroyNoConnection() throws Exception {
        pool = new PoolingConnectionManager(2, Duration.ofSeconds(10), false);
        QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
        int notFound = 0;
        int invalidArgument = 0;

        for (int i = 0; i < 1_000; i++) {
            try (QdrantConnection c = factory.getConnection()) {
                ExecutionException e;
                if (i % 2 == 0) {
                    String missing = "missing_" + i;
                    e = failure(() -> c.client().searchAsync(Fixtures.search(missing)).get());
                    assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getCause()).hasMessageContaining("Collection `" + missing + "` doesn't exist");
                    notFound++;
                } else {
                    e = failure(() -> c.client().searchAsync(Fixtures.search(COLLECTION).toBuilder()
                            .clearVector().addAllVector(List.of(1f, 2f)).build()).get());
                    assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getCause()).hasMessageContaining("expected dim: 4, got 2");
                    invalidArgument++;
                }
            }
        }

        assertThat(notFound).isEqualTo(500);
        assertThat(invalidArgument).isEqualTo(500);
        assertThat(pool.errorEvents()).isZero();
        assertThat(pool.destroyed()).isZero();
        assertThat(pool.created()).isEqualTo(1);
        assertThat(mcf.statistics().physicalCreated()).isEqualTo(1);
        assertThat(mcf.statistics().physicalDestroyed()).isZero();
        assertThat(mcf.statistics().connectionErrors()).isZero();
    }

    @Test
    void aCallsOwnDeadlineKeepsTheConnection() throws Exception {
        var emulator = QDRANT.emulator();
        pool = new PoolingConnectionManager(1, Duration.ofSeconds(10), false);
        QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
        emulator.latency(Duration.ofMillis(300));
        try {
            try (QdrantConnection c = factory.getConnection()) {
                ExecutionException e = failure(() -> c.client()
                        .searchAsync(Fixtures.search(COLLECTION), Duration.ofMillis(50)).get());
                assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            }
        } finally {
            emulator.latency(Duration.ZERO);
        }
        try (QdrantConnection c = factory.getConnection()) {
            assertThat(c.client().searchAsync(Fixtures.search(COLLECTION)).get()).hasSize(3);
        }

        assertThat(pool.errorEvents()).isZero();
        assertThat(pool.created()).isEqualTo(1);
        assertThat(mcf.statistics().physicalDestroyed()).isZero();
    }

    @Test
    void anExhaustedPoolTimesOutWithAClearMessage() throws Exception {
        pool = new PoolingConnectionManager(1, Duration.ofMillis(200), false);
        QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
        try (QdrantConnection held = factory.getConnection()) {
            assertThatThrownBy(factory::getConnection)
                    .hasMessageContaining("No Qdrant connection free within 200 ms (pool max 1)");
            assertThat(held.isClosed()).isFalse();
        }
    }

    interface Body {
        Object call() throws Exception;
    }

    private static ExecutionException failure(Body body) {
        try {
            body.call();
        } catch (ExecutionException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an ExecutionException, got " + e, e);
        }
        throw new AssertionError("expected the call to fail");
    }

    /** Runs {@code body} on {@code threads} threads, rethrowing the first failure. */
    static void runConcurrently(int threads, java.util.concurrent.Callable<Void> body, CountDownLatch... go)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(body));
            }
            for (CountDownLatch latch : go) {
                latch.countDown();
            }
            for (Future<Void> result : results) {
                result.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
