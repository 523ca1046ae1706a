package io.github.qdrantjca.bench.driver;

import io.github.qdrantjca.bench.harness.LoadResult;
import java.util.Properties;

/**
 * One measured turn of one client at one concurrency (one round).
 *
 * @param result what the harness measured (calls, errors, time, latencies)
 * @param payaraCpuNanos CPU time the application server's process spent in the measured window
 * @param emulatorCpuNanos CPU time the emulator's process spent in the measured window
 * @param ownConnections the most connections this client had open at Qdrant during the turn
 * @param serverConnections the most connections open at Qdrant (all clients) during the turn
 * @param ownPeak the most physical connections the client had open at once since it was made, by its own count
 *     (a pool's {@code physicalOpenPeak}), read at the end of the turn
 * @param rpcs RPCs Qdrant received during the turn (warm-up included), to set against
 *     {@link LoadResult#attempted()}: more RPCs than calls means the client adds calls of its own
 */
record Turn(LoadResult result, long payaraCpuNanos, long emulatorCpuNanos, long ownConnections,
        long serverConnections, long ownPeak, long rpcs) {

    double throughput() {
        return result.throughput();
    }

    /** The application server's CPU time per completed call, microseconds. */
    double payaraCpuMicrosPerCall() {
        return result.calls() == 0 ? Double.NaN : payaraCpuNanos / 1_000.0 / result.calls();
    }

    /** The emulator's CPU time per completed call, microseconds. */
    double emulatorCpuMicrosPerCall() {
        return result.calls() == 0 ? Double.NaN : emulatorCpuNanos / 1_000.0 / result.calls();
    }

    /** RPCs Qdrant received per call the application made. */
    double rpcsPerCall() {
        return result.attempted() == 0 ? 0 : (double) rpcs / result.attempted();
    }

    void store(Properties p, String prefix) {
        result.store(p, prefix);
        p.setProperty(prefix + "payaraCpuNanos", Long.toString(payaraCpuNanos));
        p.setProperty(prefix + "emulatorCpuNanos", Long.toString(emulatorCpuNanos));
        p.setProperty(prefix + "ownConnections", Long.toString(ownConnections));
        p.setProperty(prefix + "serverConnections", Long.toString(serverConnections));
        p.setProperty(prefix + "ownPeak", Long.toString(ownPeak));
        p.setProperty(prefix + "rpcs", Long.toString(rpcs));
    }

    static Turn load(Properties p, String prefix) {
        return new Turn(LoadResult.load(p, prefix), Long.parseLong(p.getProperty(prefix + "payaraCpuNanos")),
                Long.parseLong(p.getProperty(prefix + "emulatorCpuNanos")),
                Long.parseLong(p.getProperty(prefix + "ownConnections")),
                Long.parseLong(p.getProperty(prefix + "serverConnections")),
                Long.parseLong(p.getProperty(prefix + "ownPeak", "-1")),
                Long.parseLong(p.getProperty(prefix + "rpcs")));
    }
}
