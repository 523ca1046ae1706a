package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server goes away under load and comes back: the pool notices, discards and heals. */
class ServerRestartTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final String COLLECTION = "restart";
    private static final long CALL_TIMEOUT_MILLIS = 1_000;
    private static final int POOL_MAX = 4;

    /** One failed attempt as the application saw it. */
    record Failure(long millis, Throwable error, boolean duringCall) {}

    /** Application threads doing borrow, search, return until stopped. */
    static final class Load implements AutoCloseable {
        final AtomicInteger successes = new AtomicInteger();
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(8);

        Load(QdrantConnectionFactory factory) {
            for (int i = 0; i < 8; i++) {
                threads.execute(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        boolean duringCall = false;
                        try (QdrantConnection c = factory.getConnection()) {
                            duringCall = true;
                            c.client().searchAsync(Fixtures.search(COLLECTION)).get();
                            successes.incrementAndGet();
                        } catch (ExecutionException | ResourceException e) {
                            failures.add(new Failure(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                                    e instanceof ExecutionException ? e.getCause() : e, duringCall));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void callsFailFastWhileTheServerIsDownAndThePoolHealsAfterItReturns() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setCallTimeoutMillis(CALL_TIMEOUT_MILLIS);
        mcf.setConnectTimeoutMillis(1_000L);
        Fixtures.createCollection(mcf, COLLECTION, 10);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(POOL_MAX, Duration.ofSeconds(5), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);

            try (Load load = new Load(factory)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> load.successes.get() >= 300);
                emulator.stop();
                await().atMost(Duration.ofSeconds(20)).until(() -> load.failures.size() >= 50);
                int successesBeforeStop = load.successes.get();
                load.close();

                assertThat(load.failures).allSatisfy(f -> {
                    if (f.duringCall()) {
                        // A call on a connection that was open: UNAVAILABLE (or CANCELLED when the server
                        // cancelled it in flight as it went down), well within the call deadline.
                        assertThat(Status.fromThrowable(f.error()).getCode())
                                .isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
                        assertThat(f.millis()).isLessThanOrEqualTo(CALL_TIMEOUT_MILLIS + 500);
                    } else {
                        // A new connection could not be opened: the adapter says where and why.
                        assertThat(f.error()).hasMessageContaining("did not answer the health check within 1000 ms");
                        assertThat(f.millis()).isLessThanOrEqualTo(1_000 + 500);
                    }
                });
                assertThat(load.failures).anyMatch(f -> f.duringCall()
                        && Status.fromThrowable(f.error()).getCode() == Status.Code.UNAVAILABLE);
                assertThat(successesBeforeStop).isGreaterThanOrEqualTo(300);
            }
            // Every connection that was open when the server died was reported and destroyed.
            assertThat(pool.errorEvents()).isBetween(1, POOL_MAX);
            assertThat(mcf.statistics().connectionErrors()).isEqualTo(pool.errorEvents());
            assertThat(mcf.statistics().physicalOpen()).isEqualTo(pool.size());
            assertThat(pool.size()).isZero();
            assertThat(mcf.statistics().handlesOpen()).isZero();

            emulator.restart();
            emulator.resetMaxOpenConnections();
            try (Load load = new Load(factory)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> load.successes.get() >= 300);
            }

            assertThat(pool.size()).isBetween(1, POOL_MAX);
            assertThat(mcf.statistics().physicalOpen()).isEqualTo(pool.size());
            assertThat(emulator.maxOpenConnections()).isLessThanOrEqualTo(POOL_MAX);
            int pooled = pool.size();
            await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == pooled);
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.openConnections() == 0);
    }
}
