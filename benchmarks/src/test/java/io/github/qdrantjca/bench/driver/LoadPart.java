package io.github.qdrantjca.bench.driver;

import io.github.qdrantjca.bench.harness.BenchPool;
import io.github.qdrantjca.bench.harness.LoadResult;
import io.github.qdrantjca.bench.harness.Workload;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The load harness run: the emulator in this JVM (so that its connection counts can be read), seeded
 * with {@link Workload#POINTS} points; Payara Micro with the RAR and the harness WAR; then, per
 * concurrency level, rounds in which the clients take turns (the starting client rotates), each
 * with its own warm-up. Connections are attributed by subtracting, from the server's maximum during a
 * run, the connections the other (idle) clients held when the run started.
 */
final class LoadPart {

    static final int[] CONCURRENCY = {1, 4, 16, 64};
    /**
     * The clients, in their order in the tables; {@code pooled-64} and {@code pooled-64-mux} are
     * diagnostics (pool maximum 64); the {@code -mux} pools set the adapter property {@code sharedChannels}.
     */
    static final List<String> CLIENTS = List.of("pooled", "pooled-mux", "shared", "raw", "pooled-64", "pooled-64-mux");
    /** The pooled clients, each with a description of its pool for the adapter statistics printed at the end. */
    static final Map<String, String> POOLS = poolDescriptions();

    private LoadPart() {}

    /** Where the server and deployables are, and how long and at which levels to measure. */
    record Settings(Path microJar, Path rar, Path war, Path workDir, int rounds, Duration warmup, Duration measure,
            int[] concurrency) {}

    /** Runs the whole load; rows keyed by {@code client@concurrency}, in the order measured. */
    static Map<String, LoadRow> run(Settings settings) throws Exception {
        Map<String, LoadRow> rows = new LinkedHashMap<>();
        try (QdrantEmulator emulator = QdrantEmulator.builder().build().start()) {
            seed(emulator);
            System.out.printf("[load] emulator on %s:%d seeded with %d points of %d dimensions%n", emulator.host(),
                    emulator.port(), Workload.POINTS, Workload.DIMENSION);
            try (PayaraMicro micro = PayaraMicro.start(settings.microJar(), settings.rar(), settings.war(),
                    settings.workDir(), emulator.host(), emulator.port(), Duration.ofMinutes(3))) {
                System.out.println("[load] Payara Micro is up; log: " + micro.log());
                // Everything warmed once (JIT, channels, the pool) before the first measured run.
                for (String client : CLIENTS) {
                    runOnce(micro, emulator, client, 4, Duration.ZERO, Duration.ofSeconds(3));
                }
                for (int concurrency : settings.concurrency()) {
                    for (int round = 0; round < settings.rounds(); round++) {
                        for (int k = 0; k < CLIENTS.size(); k++) {
                            String client = CLIENTS.get((round + k) % CLIENTS.size());
                            LoadRow row = runOnce(micro, emulator, client, concurrency, settings.warmup(),
                                    settings.measure());
                            rows.merge(client + "@" + concurrency, row, LoadRow::plus);
                            System.out.printf("[load] c=%-2d round %d %-13s %8.1f calls/s p99 %8.1f us errors %d "
                                    + "connections own %d server %d RPCs/call %.3f%n", concurrency, round + 1, client,
                                    row.result().throughput(), row.result().percentileMicros(99),
                                    row.result().errors(), row.ownConnectionsMax(), row.serverConnectionsMax(), row.rpcsPerCall());
                        }
                    }
                }
                for (Map.Entry<String, String> pool : POOLS.entrySet()) {
                    System.out.println("[load] adapter statistics, " + pool.getValue() + ": "
                            + micro.get("stats?client=" + pool.getKey()).replace('\n', ' '));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> poolDescriptions() {
        String mux = ", sharedChannels=" + BenchPool.MUX_CHANNELS;
        Map<String, String> pools = new LinkedHashMap<>();
        pools.put("pooled", "pool of " + BenchPool.MAX);
        pools.put("pooled-mux", "pool of " + BenchPool.MAX + mux);
        pools.put("pooled-64", "pool of " + BenchPool.WIDE_MAX);
        pools.put("pooled-64-mux", "pool of " + BenchPool.WIDE_MAX + mux);
        return Collections.unmodifiableMap(pools);
    }

    private static LoadRow runOnce(PayaraMicro micro, QdrantEmulator emulator, String client, int concurrency,
            Duration warmup, Duration measure) throws IOException, InterruptedException {
        long openBefore = emulator.openConnections();
        long rpcsBefore = emulator.callCount();
        emulator.resetMaxOpenConnections();
        String body = micro.post("run?client=" + client + "&concurrency=" + concurrency + "&warmupMillis="
                + warmup.toMillis() + "&measureMillis=" + measure.toMillis(), warmup.plus(measure).plusMinutes(2));
        long serverMax = emulator.maxOpenConnections();
        long rpcs = emulator.callCount() - rpcsBefore;
        Properties p = new Properties();
        p.load(new StringReader(body));
        long ownBefore = Long.parseLong(p.getProperty("ownConnectionsBefore"));
        long others = Math.max(0, openBefore - ownBefore);
        return new LoadRow(LoadResult.load(p, ""), serverMax - others, serverMax, rpcs);
    }

    private static void seed(QdrantEmulator emulator) throws Exception {
        try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(emulator.host(), emulator.port(),
                false, false).build())) {
            client.createCollectionAsync(Workload.COLLECTION, VectorParams.newBuilder().setSize(Workload.DIMENSION)
                    .setDistance(Distance.Cosine).build()).get();
            for (int first = 1; first <= Workload.POINTS; first += 500) {
                client.upsertAsync(Workload.COLLECTION, Workload.points(first, 500, first)).get();
            }
        }
    }

    static void store(Map<String, LoadRow> rows, Properties p) {
        List<String> keys = new ArrayList<>(rows.keySet());
        p.setProperty("load.keys", String.join(",", keys));
        for (String key : keys) {
            rows.get(key).store(p, "load." + key + ".");
        }
    }

    static Map<String, LoadRow> load(Properties p) {
        Map<String, LoadRow> rows = new LinkedHashMap<>();
        String keys = p.getProperty("load.keys", "");
        if (!keys.isEmpty()) {
            for (String key : keys.split(",")) {
                rows.put(key, LoadRow.load(p, "load." + key + "."));
            }
        }
        return rows;
    }
}
