package io.github.qdrantjca.bench.driver;

import io.github.qdrantjca.bench.harness.BenchPool;
import io.github.qdrantjca.bench.harness.LoadResult;
import io.github.qdrantjca.bench.harness.Workload.Mix;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The load harness run: the emulator in a process of its own (seeded with both collections), one
 * Payara Micro per {@link Server} with the RAR and the harness WAR, all up at once; then, per
 * concurrency level, rounds in which every server runs every mix with the clients taking turns (the
 * starting client and the first server rotate each round), each turn with its own warm-up. Around
 * each measured window the driver reads the CPU time of the server's process and of the emulator's
 * process (the harness starts its workers at a wall-clock time the driver gives it, so the driver
 * knows where the window is). Connections are attributed by subtracting, from the emulator's maximum
 * during a turn, the connections the other (idle) clients held when the turn started.
 */
final class LoadPart {

    /**
     * The clients, in their order in the tables; {@code pooled-64} and {@code pooled-64-mux} have a pool
     * of {@value BenchPool#WIDE_MAX}, at least the concurrency at every level; the {@code -mux} pools set
     * the adapter property {@code sharedChannels}.
     */
    static final List<String> CLIENTS = List.of("pooled", "pooled-mux", "shared", "raw", "pooled-64", "pooled-64-mux");
    /** The pooled clients, each with a description of its pool for the adapter statistics printed at the end. */
    static final Map<String, String> POOLS = poolDescriptions();
    /** How long before the workers start the driver sends a turn's request (so that it arrives in time). */
    private static final Duration LEAD = Duration.ofMillis(300);
    /** How long a server may take to start and deploy (it took over 3 minutes here while other builds ran). */
    private static final Duration STARTUP = Duration.ofMinutes(6);

    private LoadPart() {}

    /**
     * An application server to run on: {@code key} in the results, {@code label} in the document, the
     * JDK it runs on and its jar.
     */
    record Server(String key, String label, Path javaHome, Path microJar) {}

    /** What to run, where, how long and at which levels. */
    record Settings(List<Server> servers, Path rar, Path war, Path workDir, int rounds, Duration warmup,
            Duration measure, int[] concurrency, List<Mix> mixes, List<String> clients) {}

    /** The key of a row: {@code server.mix.client@concurrency}. */
    static String key(String server, Mix mix, String client, int concurrency) {
        return server + "." + mix.key() + "." + client + "@" + concurrency;
    }

    /** Runs the whole load; rows keyed by {@link #key}, in the order first measured. */
    static Map<String, LoadRow> run(Settings settings) throws Exception {
        Map<String, LoadRow> rows = new LinkedHashMap<>();
        List<PayaraMicro> micros = new ArrayList<>();
        try (EmulatorProcess emulator = EmulatorProcess.start(settings.workDir().resolve("emulator.log"))) {
            System.out.printf("[load] emulator (pid %d) on %s:%d seeded%n", emulator.handle().pid(), emulator.host(),
                    emulator.port());
            for (Server server : settings.servers()) {
                PayaraMicro micro = PayaraMicro.start(server.javaHome(), server.microJar(), settings.rar(),
                        settings.war(), settings.workDir().resolve(server.key()), emulator.host(), emulator.port(),
                        STARTUP);
                micros.add(micro);
                System.out.println("[load] " + server.label() + " is up (pid " + micro.handle().pid() + "); log: "
                        + micro.log());
            }
            // Everything warmed once (JIT, channels, the pools) before the first measured turn.
            for (int s = 0; s < micros.size(); s++) {
                for (Mix mix : settings.mixes()) {
                    for (String client : settings.clients()) {
                        turn(micros.get(s), emulator, mix, client, 4, Duration.ZERO, Duration.ofSeconds(2));
                    }
                }
            }
            int n = settings.clients().size();
            for (int concurrency : settings.concurrency()) {
                for (int round = 0; round < settings.rounds(); round++) {
                    for (int s = 0; s < micros.size(); s++) {
                        int si = (s + round) % micros.size();
                        Server server = settings.servers().get(si);
                        for (Mix mix : settings.mixes()) {
                            for (int k = 0; k < n; k++) {
                                String client = settings.clients().get((round + k) % n);
                                Turn t = turn(micros.get(si), emulator, mix, client, concurrency, settings.warmup(),
                                        settings.measure());
                                rows.merge(key(server.key(), mix, client, concurrency), new LoadRow(List.of(t)),
                                        (a, b) -> a.plus(t));
                                System.out.printf(java.util.Locale.ROOT, "[load] %s %-6s c=%-2d round %d %-13s "
                                        + "%8.1f calls/s p99 %8.1f us CPU/call server %7.1f us emulator %7.1f us "
                                        + "errors %d connections own %d server %d RPCs/call %.3f%n", server.key(),
                                        mix.key(), concurrency, round + 1, client, t.throughput(),
                                        t.result().percentileMicros(99), t.payaraCpuMicrosPerCall(),
                                        t.emulatorCpuMicrosPerCall(), t.result().errors(), t.ownConnections(),
                                        t.serverConnections(), t.rpcsPerCall());
                            }
                        }
                    }
                    System.out.println("[load] load average " + Machine.loadAverage());
                }
            }
            for (int s = 0; s < micros.size(); s++) {
                for (Map.Entry<String, String> pool : POOLS.entrySet()) {
                    if (settings.clients().contains(pool.getKey())) {
                        System.out.println("[load] " + settings.servers().get(s).key() + " adapter statistics, "
                                + pool.getValue() + ": " + micros.get(s).get("stats?client=" + pool.getKey())
                                        .replace('\n', ' '));
                    }
                }
            }
        } finally {
            for (PayaraMicro micro : micros) {
                micro.close();
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

    /**
     * One turn: asks the harness to start its workers {@link #LEAD} from now, reads both processes' CPU
     * time when the measured window opens and when it closes, then waits for the harness's figures.
     */
    private static Turn turn(PayaraMicro micro, EmulatorProcess emulator, Mix mix, String client, int concurrency,
            Duration warmup, Duration measure) throws IOException, InterruptedException {
        long openBefore = emulator.openConnections();
        long rpcsBefore = emulator.callCount();
        emulator.resetMaxOpenConnections();
        long startMillis = System.currentTimeMillis() + LEAD.toMillis();
        long startNanos = System.nanoTime() + LEAD.toNanos();
        var response = micro.postAsync("run?client=" + client + "&mix=" + mix.key() + "&concurrency=" + concurrency
                + "&startMillis=" + startMillis + "&warmupMillis=" + warmup.toMillis() + "&measureMillis="
                + measure.toMillis(), LEAD.plus(warmup).plus(measure).plusMinutes(2));
        long windowStart = startNanos + warmup.toNanos();
        parkUntil(windowStart);
        long serverCpu = ProcessCpu.nanos(micro.handle());
        long emulatorCpu = ProcessCpu.nanos(emulator.handle());
        parkUntil(windowStart + measure.toNanos());
        serverCpu = ProcessCpu.nanos(micro.handle()) - serverCpu;
        emulatorCpu = ProcessCpu.nanos(emulator.handle()) - emulatorCpu;
        String body;
        try {
            body = response.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IOException("turn of " + client + " at " + concurrency + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("turn of " + client + " at " + concurrency + " did not end", e);
        }
        long serverMax = emulator.maxOpenConnections();
        long rpcs = emulator.callCount() - rpcsBefore;
        Properties p = new Properties();
        p.load(new StringReader(body));
        long late = Long.parseLong(p.getProperty("receivedMillis", "0")) - (startMillis - 50);
        if (late > 0) {
            System.out.printf("[load] warning: the turn's request arrived %d ms late; its window began that much "
                    + "after the CPU reading%n", late);
        }
        long ownBefore = Long.parseLong(p.getProperty("ownConnectionsBefore"));
        long others = Math.max(0, openBefore - ownBefore);
        return new Turn(LoadResult.load(p, ""), serverCpu, emulatorCpu, serverMax - others, serverMax,
                Long.parseLong(p.getProperty("ownConnectionsPeak")), rpcs);
    }

    private static void parkUntil(long nanoTime) {
        for (long now = System.nanoTime(); now < nanoTime; now = System.nanoTime()) {
            LockSupport.parkNanos(nanoTime - now);
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
