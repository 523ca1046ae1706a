package io.github.qdrantjca.adapter.bench;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.outbound.QdrantManagedConnectionFactory;
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
                String[] names = {
                    "direct QdrantClient search          ",
                    "adapter borrow+search+return        ",
                    "search on one held handle (no borrow)",
                    "adapter borrow+return only (no RPC) "
                };
                List<List<Double>> perOp = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int v = 0; v < names.length; v++) {
                    perOp.add(new ArrayList<>());
                }
                int block = 100;
                for (int r = 0; r < warmup + rounds; r++) {
                    long[] nanos = new long[names.length];
                    try (QdrantConnection held = factory.getConnection()) {
                        // Held handles take the pool's only connection: borrow it once per round, then release.
                        Op heldSearch = () -> held.client().searchAsync(search).get();
                        for (int done = 0; done < ops; done += block) {
                            // Small interleaved blocks, order alternating, so machine noise hits all variants alike.
                            boolean flip = (done / block) % 2 == 0;
                            nanos[flip ? 0 : 2] += timed(flip ? directSearch : heldSearch, block);
                            nanos[flip ? 2 : 0] += timed(flip ? heldSearch : directSearch, block);
                        }
                    }
                    for (int done = 0; done < ops; done += block) {
                        boolean flip = (done / block) % 2 == 0;
                        nanos[flip ? 0 : 1] += timed(flip ? directSearch : adapterSearch, block);
                        nanos[flip ? 1 : 0] += timed(flip ? adapterSearch : directSearch, block);
                        nanos[3] += timed(adapterBorrowOnly, block);
                    }
                    if (r >= warmup) {
                        perOp.get(0).add(nanos[0] / 1_000.0 / (2.0 * ops));
                        perOp.get(1).add(nanos[1] / 1_000.0 / ops);
                        perOp.get(2).add(nanos[2] / 1_000.0 / ops);
                        perOp.get(3).add(nanos[3] / 1_000.0 / ops);
                        ratios.add((nanos[1] / (double) ops) / (nanos[0] / (2.0 * ops)));
                    }
                }
                System.out.printf(Locale.ROOT, "HandleOverheadHarness: %d rounds x %d ops per variant (+%d warm-up rounds), "
                        + "blocks of %d interleaved, single thread, emulator on %s:%d, Java %s, %d CPUs%n", rounds, ops,
                        warmup, block, emulator.host(), emulator.port(), System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors());
                for (int v = 0; v < names.length; v++) {
                    List<Double> values = perOp.get(v);
                    System.out.printf(Locale.ROOT, "  %s median %8.2f us/op  (min %.2f, max %.2f)%n",
                            names[v], median(values), min(values), max(values));
                }
                double md = median(perOp.get(0));
                double ma = median(perOp.get(1));
                double mh = median(perOp.get(2));
                System.out.printf(Locale.ROOT, "  ratio adapter cycle / direct = %.3f (median of per-round ratios %.3f); "
                        + "added cost = %.2f us/op%n", ma / md, median(ratios), ma - md);
                System.out.printf(Locale.ROOT, "  ratio held handle / direct   = %.3f; added cost = %.2f us/op%n",
                        mh / md, mh - md);
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

    private static long timed(Op op, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return System.nanoTime() - start;
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
