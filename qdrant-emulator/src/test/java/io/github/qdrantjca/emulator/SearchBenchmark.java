package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The speed harness (not part of the normal build, not a timed test): a dense search over 100,000 points of 128
 * dimensions and a sparse search over 100,000 documents of 100 non-zero terms each (a vocabulary of 30,000), both
 * through gRPC with the official client, limit 10. Checks each top hit against a brute-force answer computed here,
 * and prints the median and 90th percentile of 50 timed searches after 10 warm-up ones.
 *
 * <pre>mvn -B -pl qdrant-emulator -am verify -Dbenchmark=true -Dtest=SearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
class SearchBenchmark {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static final int POINTS = 100_000;
    static final int DIM = 128;
    static final int TERMS = 100;
    static final int VOCABULARY = 30_000;
    static final int BATCH = 500;
    static final int WARM_UP = 10;
    static final int TIMED = 50;

    static QdrantClient client;
    static TestSupport support;

    @BeforeAll
    static void onlyWhenAskedFor() {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"),
                "the speed harness runs with -Dbenchmark=true (see the class comment)");
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterAll
    static void cleanUp() {
        if (support != null) {
            support.dropAll();
        }
    }

    @Test
    void denseSearchOver100kPointsOf128Dimensions() throws Exception {
        String c = support.collection("bench_dense", DIM, Distance.Dot);
        Random random = new Random(42);
        float[] data = new float[POINTS * DIM];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2 - 1;
        }
        long load = upload(c, i -> PointStruct.newBuilder().setId(PointIdFactory.id(i + 1))
                .setVectors(VectorsFactory.vectors(Arrays.copyOfRange(data, i * DIM, (i + 1) * DIM))).build());
        float[] query = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            query[d] = random.nextFloat() * 2 - 1;
        }
        int bestId = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double s = TestSupport.dot(query, Arrays.copyOfRange(data, i * DIM, (i + 1) * DIM));
            if (s > best) {
                best = s;
                bestId = i + 1;
            }
        }
        QueryPoints request = QueryPoints.newBuilder().setCollectionName(c).setQuery(QueryFactory.nearest(query))
                .setLimit(10).build();

        List<ScoredPoint> hits = time("dense: 100,000 points x 128 dims", request, load);

        assertThat(hits.get(0).getId().getNum()).isEqualTo(bestId);
        assertThat((double) hits.get(0).getScore()).isCloseTo(best, within(1e-3));
    }

    @Test
    void sparseSearchOver100kDocumentsOf100Terms() throws Exception {
        String c = TestSupport.uniqueName("bench_sparse");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(
                        io.qdrant.client.grpc.Collections.VectorParamsMap.getDefaultInstance()))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap("text",
                        SparseVectorParams.getDefaultInstance())).build()));
        support.track(c);
        Random random = new Random(7);
        int[][] indices = new int[POINTS][];
        float[][] values = new float[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            TreeMap<Integer, Float> terms = new TreeMap<>();
            while (terms.size() < TERMS) {
                terms.put(random.nextInt(VOCABULARY), random.nextFloat());
            }
            indices[i] = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
            values[i] = new float[TERMS];
            int k = 0;
            for (float v : terms.values()) {
                values[i][k++] = v;
            }
        }
        long load = upload(c, i -> PointStruct.newBuilder().setId(PointIdFactory.id(i + 1))
                .setVectors(VectorsFactory.namedVectors(Map.of("text", VectorFactory.vector(boxed(values[i]),
                        Arrays.stream(indices[i]).boxed().toList())))).build());
        TreeMap<Integer, Float> query = new TreeMap<>();
        while (query.size() < TERMS) {
            query.put(random.nextInt(VOCABULARY), random.nextFloat());
        }
        int bestId = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double s = 0;
            for (int k = 0; k < TERMS; k++) {
                Float q = query.get(indices[i][k]);
                if (q != null) {
                    s += (double) q * values[i][k];
                }
            }
            if (s > best) {
                best = s;
                bestId = i + 1;
            }
        }
        QueryPoints request = QueryPoints.newBuilder().setCollectionName(c).setUsing("text")
                .setQuery(QueryFactory.nearest(new ArrayList<>(query.values()), new ArrayList<>(query.keySet())))
                .setLimit(10).build();

        List<ScoredPoint> hits = time("sparse: 100,000 documents x 100 of 30,000 terms, query of 100 terms",
                request, load);

        assertThat(hits.get(0).getId().getNum()).isEqualTo(bestId);
        assertThat((double) hits.get(0).getScore()).isCloseTo(best, within(1e-3));
    }

    private static List<Float> boxed(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    /** Uploads all points in batches from 4 threads; returns the milliseconds it took. */
    private static long upload(String c, IntFunction<PointStruct> point) throws Exception {
        long start = System.nanoTime();
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int from = 0; from < POINTS; from += BATCH) {
                int first = from;
                uploads.add(uploaders.submit((Callable<Object>) () -> {
                    List<PointStruct> batch = new ArrayList<>(BATCH);
                    for (int i = first; i < Math.min(POINTS, first + BATCH); i++) {
                        batch.add(point.apply(i));
                    }
                    return get(client.upsertAsync(c, batch));
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get(300, TimeUnit.SECONDS);
            }
        } finally {
            uploaders.shutdownNow();
        }
        assertThat(get(client.countAsync(c))).isEqualTo((long) POINTS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static List<ScoredPoint> time(String what, QueryPoints request, long loadMillis) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(client.queryAsync(request));
        }
        long[] nanos = new long[TIMED];
        List<ScoredPoint> hits = null;
        for (int i = 0; i < TIMED; i++) {
            long start = System.nanoTime();
            hits = get(client.queryAsync(request));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK %s, limit 10, through gRPC: p50 %.1f ms, p90 %.1f ms, max %.1f ms over %d "
                + "searches (loading took %d ms)%n", what, nanos[TIMED / 2] / 1e6, nanos[TIMED * 9 / 10] / 1e6,
                nanos[TIMED - 1] / 1e6, TIMED, loadMillis);
        assertThat(hits).hasSize(10);
        return hits;
    }
}
