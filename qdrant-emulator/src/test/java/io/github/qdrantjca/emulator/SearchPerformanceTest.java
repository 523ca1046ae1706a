package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Brute-force search over 100,000 stored 128-dimensional points through the official client. Asserts the exact
 * top hits; logs (does not assert) the time per search.
 */
class SearchPerformanceTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static final int POINTS = 100_000;
    static final int DIM = 128;
    static final int BATCH = 1_000;
    static final int TIMED_SEARCHES = 30;

    static TestSupport support;

    @AfterAll
    static void cleanUp() {
        if (support != null) {
            support.dropAll();
        }
    }

    @Test
    void searchOver100kPointsOf128DimensionsFindsTheExactNearestAndLogsItsTime() throws Exception {
        QdrantClient client = QDRANT.newClient();
        support = new TestSupport(client);
        String c = support.collection("perf", DIM, Distance.Dot);
        float[] data = new float[POINTS * DIM];
        Random random = new Random(42);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2 - 1;
        }
        long loadStart = System.nanoTime();
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int from = 0; from < POINTS; from += BATCH) {
                int first = from;
                uploads.add(uploaders.submit(() -> {
                    List<PointStruct> batch = new ArrayList<>(BATCH);
                    for (int i = first; i < first + BATCH; i++) {
                        batch.add(PointStruct.newBuilder().setId(PointIdFactory.id(i + 1))
                                .setVectors(VectorsFactory.vectors(Arrays.copyOfRange(data, i * DIM, (i + 1) * DIM)))
                                .build());
                    }
                    return get(client.upsertAsync(c, batch));
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get(120, TimeUnit.SECONDS);
            }
        } finally {
            uploaders.shutdownNow();
        }
        long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
        assertThat(get(client.countAsync(c))).isEqualTo((long) POINTS);

        float[] query = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            query[d] = random.nextFloat() * 2 - 1;
        }
        int bestId = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double s = TestSupport.dot(query, Arrays.copyOfRange(data, i * DIM, (i + 1) * DIM));
            if (s > bestScore) {
                bestScore = s;
                bestId = i + 1;
            }
        }
        List<Float> queryList = new ArrayList<>();
        for (float x : query) {
            queryList.add(x);
        }
        SearchPoints search = SearchPoints.newBuilder().setCollectionName(c).addAllVector(queryList).setLimit(10)
                .build();

        for (int i = 0; i < 10; i++) {
            get(client.searchAsync(search));
        }
        long[] nanos = new long[TIMED_SEARCHES];
        List<ScoredPoint> hits = null;
        for (int i = 0; i < TIMED_SEARCHES; i++) {
            long start = System.nanoTime();
            hits = get(client.searchAsync(search));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);

        assertThat(hits).hasSize(10);
        assertThat(hits.get(0).getId().getNum()).isEqualTo(bestId);
        assertThat((double) hits.get(0).getScore()).isCloseTo(bestScore, within(1e-4));
        System.out.printf("Search over %d x %d-dim points (limit 10, through gRPC): median %.1f ms, max %.1f ms "
                + "over %d searches; loading took %d ms%n", POINTS, DIM, nanos[TIMED_SEARCHES / 2] / 1e6,
                nanos[TIMED_SEARCHES - 1] / 1e6, TIMED_SEARCHES, loadMillis);
    }
}
