package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.LOAD_POOL_MAX;
import static io.github.qdrantjca.faults.support.Probes.elapsed;
import static io.github.qdrantjca.faults.support.Probes.number;
import static io.github.qdrantjca.faults.support.Probes.ok;
import static io.github.qdrantjca.faults.support.Probes.text;
import static io.github.qdrantjca.faults.support.Texts.shorten;
import static io.github.qdrantjca.faults.support.Texts.threadDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.faults.app.FaultNames;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.regex.Pattern;

/** Redeploys of the application, and of the adapter every {@value #ADAPTER_EVERY}th time (5). */
final class RedeployScenarios {

    /** Redeploys of the application in scenario 5 (after one warm-up redeploy that sets the baseline). */
    static final int REDEPLOYS = 20;
    /** Every so many redeploys, the adapter is redeployed too (a Payara Micro adapter redeploy takes ~6 s). */
    static final int ADAPTER_EVERY = 5;
    /**
     * Threads outside the server's own worker pools ({@link FaultServer#serverPoolThreads()}) that may be alive
     * above their baseline after the redeploys; a leak of one thread per redeploy (+20) fails. The server's pools
     * are counted apart: they grow with the redeploys' bursts of work up to their maximum and shrink only after
     * their keep-alive (Payara Micro's Executor-Service grew by 2 to 10 threads over 20 redeploys).
     */
    static final int THREAD_TOLERANCE = 5;

    private final FaultServer server;
    private final Probes probes;
    private final ServerLog log;
    private String firstCallError = "-";

    RedeployScenarios(FaultServer server) {
        this.server = server;
        this.probes = new Probes(server);
        this.log = new ServerLog(server);
    }

    /** 5: threads and Qdrant connections return to their baseline after {@value #REDEPLOYS} redeploys. */
    void redeploysLeaveNoThreadsOrConnectionsBehind() throws Exception {
        FaultReport.Row row = server.report().row("5. Redeploy the application " + REDEPLOYS + " times (with the adapter"
                + " every " + ADAPTER_EVERY + "th)");
        QdrantEmulator qdrant = FaultQdrants.plain();
        server.redeploy(true);
        FirstCall warmUp = awaitFirstCall();
        String warmUpError = firstCallError;
        firstCallError = "-";
        JsonObject baseline = probes.threads();
        long baselineThreads = number(baseline, "threadCount");
        long baselineOthers = baselineThreads - serverPoolThreads(baseline);
        int baselineConnections = qdrant.openConnections();
        long slowest = 0;
        long slowestFirstCall = 0;
        int firstCallsFailed = 0;
        long minThreads = Long.MAX_VALUE;
        long maxThreads = 0;
        long start = System.nanoTime();
        for (int i = 0; i < REDEPLOYS; i++) {
            long t = System.nanoTime();
            server.redeploy((i + 1) % ADAPTER_EVERY == 0);
            slowest = Math.max(slowest, elapsed(t));
            FirstCall first = awaitFirstCall();
            slowestFirstCall = Math.max(slowestFirstCall, first.millis);
            firstCallsFailed += first.failedTries > 0 ? 1 : 0;
            long threads = number(probes.threads(), "threadCount");
            minThreads = Math.min(minThreads, threads);
            maxThreads = Math.max(maxThreads, threads);
        }
        long loop = elapsed(start);
        long[] end = new long[3];
        await("threads outside the server's pools and Qdrant connections back to the baseline").atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonObject threads = probes.threads();
                    end[0] = number(threads, "threadCount");
                    end[1] = qdrant.openConnections();
                    end[2] = end[0] - serverPoolThreads(threads);
                    return end[2] <= baselineOthers + THREAD_TOLERANCE && end[1] <= baselineConnections;
                });
        JsonObject stats = probes.stats(FaultNames.LOAD);
        JsonObject last = probes.threads();
        long classLoadingErrors = log.count("(NoClassDefFoundError|ClassNotFoundException).*(qdrant|grpc|netty)");
        row.calls(REDEPLOYS, 0)
                .connections(end[1], LOAD_POOL_MAX)
                .handles(number(stats, "handlesOpen"))
                .other("threads outside the server's pools " + baselineOthers + " -> " + end[2] + " (tolerance +"
                        + THREAD_TOLERANCE + "); all server threads " + baselineThreads + " -> " + end[0] + " ("
                        + minThreads + "-" + maxThreads + " between redeploys)")
                .other("threads by name, changed: " + threadDiff(baseline, last))
                .other("connections at Qdrant " + baselineConnections + " -> " + end[1])
                .other("log lines with class-loading errors of gRPC/Netty classes (threads outliving an undeployed"
                        + " adapter): " + classLoadingErrors)
                .other(REDEPLOYS + " redeploys in " + loop / 1000 + " s, slowest " + slowest + " ms")
                .other("warm-up redeploy (adapter and application): first call worked after " + warmUp.millis + " ms, "
                        + warmUp.failedTries + " failed tries" + (warmUp.failedTries > 0 ? " (" + warmUpError + ")" : ""))
                .other("first call after a redeploy: slowest " + slowestFirstCall + " ms; failed at the first try after "
                        + firstCallsFailed + " of " + REDEPLOYS + " redeploys (" + firstCallError + ")");
        assertThat(number(stats, "handlesOpen")).isZero();
        row.passed();
    }

    /** Threads of the server's own worker pools in a {@code probe/threads} answer. */
    private long serverPoolThreads(JsonObject threads) {
        JsonObject byName = threads.getJsonObject("byName");
        Pattern pools = server.serverPoolThreads();
        return byName.keySet().stream().filter(name -> pools.matcher(name).matches())
                .mapToLong(name -> byName.getJsonNumber(name).longValue()).sum();
    }

    private record FirstCall(long millis, int failedTries) {}

    /**
     * Calls until a call works (bounded): right after the adapter was redeployed, the first connection
     * pays the new class loader's start-up inside its connect deadline.
     */
    private FirstCall awaitFirstCall() {
        long start = System.nanoTime();
        int[] failed = new int[1];
        await("a call after a redeploy works").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonObject once = probes.once(FaultNames.LOAD);
            if (!ok(once)) {
                failed[0]++;
                firstCallError = shorten(text(once, "error"));
                return false;
            }
            return true;
        });
        return new FirstCall(elapsed(start), failed[0]);
    }
}
