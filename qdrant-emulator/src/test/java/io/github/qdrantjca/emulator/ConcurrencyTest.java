package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients and threads writing and reading at once. */
class ConcurrencyTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static final int THREADS = 32;
    static final int CLIENTS = 8;
    static final int BATCHES = 5;
    static final int BATCH_SIZE = 10;

    static final List<QdrantClient> clients = new ArrayList<>();
    static TestSupport support;
    static ExecutorService pool;

    @BeforeAll
    static void connect() {
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(QDRANT.newClient());
        }
        support = new TestSupport(clients.get(0));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void cleanUp() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        support.dropAll();
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void thirtyTwoThreadsUpsertingAndSearchingEndWithEveryPointStored() throws Exception {
        String c = support.collection("concurrent", 8, Distance.Cosine);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            QdrantClient client = clients.get(t % CLIENTS);
            tasks.add(() -> {
                int searchHits = 0;
                for (int b = 0; b < BATCHES; b++) {
                    List<PointStruct> batch = new ArrayList<>();
                    for (int i = 0; i < BATCH_SIZE; i++) {
                        long id = ((long) thread * BATCHES + b) * BATCH_SIZE + i + 1;
                        float[] v = new float[8];
                        v[(int) (id % 8)] = 1f;
                        v[thread % 8] += 0.5f;
                        batch.add(point(id, v, Map.of("thread", value(thread))));
                    }
                    get(client.upsertAsync(c, batch));
                    float[] q = new float[8];
                    q[thread % 8] = 1f;
                    List<ScoredPoint> hits = get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                            .addAllVector(List.of(q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7])).setLimit(5)
                            .build()));
                    for (ScoredPoint hit : hits) {
                        assertThat(hit.getId().getNum()).isBetween(1L, (long) THREADS * BATCHES * BATCH_SIZE);
                    }
                    searchHits += hits.size();
                }
                return searchHits;
            });
        }

        List<Integer> hitsPerThread = runAll(tasks);

        assertThat(hitsPerThread).allSatisfy(hits -> assertThat(hits).isEqualTo(BATCHES * 5));
        assertThat(get(clients.get(0).countAsync(c))).isEqualTo((long) THREADS * BATCHES * BATCH_SIZE);
        assertThat(get(clients.get(0).getCollectionInfoAsync(c)).getPointsCount())
                .isEqualTo((long) THREADS * BATCHES * BATCH_SIZE);
        if (QDRANT.isEmulated()) {
            assertThat(QDRANT.emulator().maxOpenConnections()).isGreaterThanOrEqualTo(CLIENTS);
        }
    }

    @Test
    void concurrentCreatesOfOneCollectionLetExactlyOneSucceed() throws Exception {
        String name = TestSupport.uniqueName("race");
        support.track(name);
        List<Callable<Status.Code>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            QdrantClient client = clients.get(t % CLIENTS);
            tasks.add(() -> {
                try {
                    get(client.createCollectionAsync(name, VectorParams.newBuilder().setSize(2)
                            .setDistance(Distance.Dot).build()));
                    return Status.Code.OK;
                } catch (ExecutionException e) {
                    return ((StatusRuntimeException) e.getCause()).getStatus().getCode();
                }
            });
        }

        List<Status.Code> codes = runAll(tasks);

        assertThat(codes).filteredOn(code -> code == Status.Code.OK).hasSize(1);
        assertThat(codes).filteredOn(code -> code == Status.Code.ALREADY_EXISTS).hasSize(THREADS - 1);
    }
}
