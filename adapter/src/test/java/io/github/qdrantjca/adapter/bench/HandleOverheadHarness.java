package io.github.qdrantjca.adapter.bench;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.spi.QdrantManagedConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side cost of a borrow + search + return cycle through the adapter versus the same search
 * on a {@link QdrantClient} used directly, against the in-process emulator, single-threaded. The
 * variants are interleaved round by round (order alternating) so drift hits both alike. Not a test:
 * it prints figures. Run:
 *
 * <pre>
 * mvn -q -pl adapter test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.qdrantjca.adapter.bench.HandleOverheadHarness [-Dexec.args="rounds opsPerRound"]
 * </pre>
 */
public final class HandleOverheadHarness {

    private static final String COLLECTION = "bench";

    interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int warmup = Math.max(3, rounds / 4);

        try (QdrantEmulator emulator = QdrantEmulator.builder().build().start();
                PoolingConnectionManager pool = new PoolingConnectionManager(1, Duration.ofSeconds(10), false)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress(emulator.host(), emulator.port()).usePlaintext().build();
            QdrantClient direct = new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false)
                    .withTimeout(Duration.ofSeconds(10)).build());
            try {
                seed(direct);
                QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
                mcf.setHost(emulator.host());
                mcf.setPort(emulator.port());
                QdrantConnectionFactory factory = (QdrantConnectionFactory) mcf.createConnectionFactory(pool);
                SearchPoints search = SearchPoints.newBuilder().setCollectionName(COLLECTION)
                        .addAllVector(List.of(0.3f, 0.1f, 0.7f, 0.2f)).setLimit(5).build();

                Op directSearch = () -> direct.searchAsync(search).get();
                Op adapterSearch = () -> {
                    try (QdrantConnection c = factory.getConnection()) {
                        c.client().searchAsync(search).get();
                    }
                };
                Op adapterBorrowOnly = () -> {
                    try (QdrantConnection c = factory.getConnection()) {
                        c.client();
                    }
                };

                List<Double> d = new ArrayList<>();
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int r = 0; r < warmup + rounds; r++) {
                    double[] t = new double[3];
                    if (r % 2 == 0) {
                        t[0] = perOpMicros(directSearch, ops);
                        t[1] = perOpMicros(adapterSearch, ops);
                    } else {
                        t[1] = perOpMicros(adapterSearch, ops);
                        t[0] = perOpMicros(directSearch, ops);
                    }
                    t[2] = perOpMicros(adapterBorrowOnly, ops);
                    if (r >= warmup) {
                        d.add(t[0]);
                        a.add(t[1]);
                        b.add(t[2]);
                    }
                }
                double md = median(d);
                double ma = median(a);
                double mb = median(b);
                System.out.printf(Locale.ROOT, "HandleOverheadHarness: %d rounds x %d ops (+%d warm-up rounds), "
                        + "single thread, emulator on %s:%d, Java %s, %d CPUs%n", rounds, ops, warmup, emulator.host(),
                        emulator.port(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
                System.out.printf(Locale.ROOT, "  direct QdrantClient search            median %8.1f us/op  (min %.1f, max %.1f)%n",
                        md, min(d), max(d));
                System.out.printf(Locale.ROOT, "  adapter borrow+search+return          median %8.1f us/op  (min %.1f, max %.1f)%n",
                        ma, min(a), max(a));
                System.out.printf(Locale.ROOT, "  adapter borrow+return only (no RPC)   median %8.1f us/op  (min %.1f, max %.1f)%n",
                        mb, min(b), max(b));
                System.out.printf(Locale.ROOT, "  ratio adapter/direct = %.3f; added cost = %.1f us/op%n", ma / md, ma - md);
                System.out.printf(Locale.ROOT, "  physical connections opened by the adapter: %d%n",
                        mcf.statistics().physicalCreated());
            } finally {
                direct.close();
            }
        }
    }

    private static void seed(QdrantClient client) throws Exception {
        client.createCollectionAsync(COLLECTION,
                VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build()).get();
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(PointStruct.newBuilder().setId(id(i + 1))
                    .setVectors(vectors((float) Math.sin(i), (float) Math.cos(i), i / 100f, 1f)).build());
        }
        client.upsertAsync(COLLECTION, points).get();
    }

    private static double perOpMicros(Op op, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / n;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return Arrays.stream(values.stream().mapToDouble(Double::doubleValue).toArray()).max().orElse(Double.NaN);
    }
}
