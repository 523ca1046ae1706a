package io.github.qdrantjca.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dense search without gRPC (not part of the normal build, not a timed test): 100,000 points of 128 dimensions,
 * Dot, a nearest query through the Query API with limit 10, checked against a brute-force answer; prints the median
 * wall time of 60 queries and the process CPU time per query (the second core's share included).
 *
 * <pre>mvn -B -pl qdrant-emulator -am verify -Dbenchmark=true -Dtest=ScanBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
class ScanBenchmark {

    static final int POINTS = 100_000;
    static final int DIM = 128;
    static final int ROUNDS = 60;

    @Test
    void denseQueryOver100kPointsOf128DimensionsInProcess() {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"),
                "the speed harness runs with -Dbenchmark=true (see the class comment)");
        Storage storage = new Storage();
        storage.create(CreateCollection.newBuilder().setCollectionName("bench").setVectorsConfig(VectorsConfig
                .newBuilder().setParams(VectorParams.newBuilder().setSize(DIM).setDistance(Distance.Dot))).build());
        CollectionData collection = storage.collection("bench");
        Random random = new Random(42);
        float[][] vectors = new float[POINTS][DIM];
        List<PointStruct> batch = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            for (int d = 0; d < DIM; d++) {
                vectors[i][d] = random.nextFloat() * 2 - 1;
            }
            batch.add(PointStruct.newBuilder().setId(PointIdFactory.id(i + 1))
                    .setVectors(VectorsFactory.vectors(vectors[i])).build());
            if (batch.size() == 1_000) {
                collection.upsert(batch, false);
                batch = new ArrayList<>();
            }
        }
        float[] query = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            query[d] = random.nextFloat() * 2 - 1;
        }
        long best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double s = 0;
            for (int d = 0; d < DIM; d++) {
                s += (double) query[d] * vectors[i][d];
            }
            if (s > bestScore) {
                bestScore = s;
                best = i + 1;
            }
        }
        UniversalQuery queries = new UniversalQuery(storage);
        QueryPoints request = QueryPoints.newBuilder().setCollectionName("bench")
                .setQuery(QueryFactory.nearest(query)).setLimit(10).build();
        for (int i = 0; i < 10; i++) {
            queries.query(request);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] nanos = new long[ROUNDS];
        long cpu = 0;
        List<ScoredPoint> hits = null;
        for (int i = 0; i < ROUNDS; i++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            hits = queries.query(request);
            nanos[i] = System.nanoTime() - start;
            cpu += os.getProcessCpuTime() - cpuStart;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK in-process dense query, 100,000 x 128, limit 10: wall p50 %.1f ms, process CPU "
                + "%.1f ms per query, load average %.2f%n", nanos[ROUNDS / 2] / 1e6, cpu / 1e6 / ROUNDS,
                os.getSystemLoadAverage());
        assertThat(hits.get(0).getId().getNum()).isEqualTo(best);
    }
}
