package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.CONNECT_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.FAILOVER_CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.LOAD_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.MAX_CONNECTION_AGE_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.VALIDATION_PERIOD_SECONDS;
import static io.github.qdrantjca.faults.support.Probes.elapsed;
import static io.github.qdrantjca.faults.support.Probes.number;
import static io.github.qdrantjca.faults.support.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.faults.app.FaultNames;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * 8: a pool over two Qdrants ({@code hosts}: node A, node B) that renews its connections by age
 * ({@link FaultNames#MAX_CONNECTION_AGE_MILLIS}), validated as the adapter's README says for each
 * server, under a steady load. Node B stops: every connection goes to A and calls keep working.
 * Node B comes back: the renewal by age spreads the connections over both nodes again, without an
 * error event, a failed borrow or a log record above INFO. Both Qdrants serve this pool alone, so
 * their counts of open connections are its split.
 */
final class FailoverScenarios {

    /** Workers of the load. */
    static final int WORKERS = 4;
    /** How long node B stays down: longer than the age, so that connections are renewed on A alone meanwhile. */
    static final Duration B_DOWN = Duration.ofSeconds(4);
    /** The longest a connection lives: its age plus the adapter's jitter of at most 10 %. */
    static final long AGE_WITH_JITTER_MILLIS = MAX_CONNECTION_AGE_MILLIS * 11 / 10;
    /**
     * Margin on the spread after B's return: the replacement's open (loopback, bounded by
     * {@link FaultNames#CONNECT_TIMEOUT_MILLIS}), the workers' pause and the test's polling of the
     * emulators (100 ms), on a loaded machine.
     */
    static final long SPREAD_MARGIN_MILLIS = CONNECT_TIMEOUT_MILLIS + 500;
    /** Connections are spread over both nodes again within age + 10 % + validation period + margin of B's return. */
    static final long SPREAD_BOUND_MILLIS = AGE_WITH_JITTER_MILLIS + VALIDATION_PERIOD_SECONDS * 1000L
            + SPREAD_MARGIN_MILLIS;

    private final FaultServer server;
    private final Probes probes;
    private final ServerLog log;

    FailoverScenarios(FaultServer server) {
        this.server = server;
        this.probes = new Probes(server);
        this.log = new ServerLog(server);
    }

    /** 8: see the class comment. */
    void nodeDownThenBackAndRenewalByAgeSpreadsConnectionsAgain() throws Exception {
        FaultReport.Row row = server.report().row("8. Pool over 2 Qdrants, connections renewed after "
                + MAX_CONNECTION_AGE_MILLIS / 1000 + " s: node B stopped " + B_DOWN.toSeconds() + " s under load of "
                + WORKERS + " workers, restarted");
        QdrantEmulator a = FaultQdrants.nodeA();
        QdrantEmulator b = FaultQdrants.nodeB();
        String pool = FaultNames.FAILOVER;
        JsonObject initial = probes.stats(pool);
        Map<Path, Long> logStart = log.mark();
        try (NodeSplit split = new NodeSplit(a, b)) {
            probes.startLoad(pool, WORKERS);
            // Steady: both nodes serve, and every connection was renewed at least once.
            await("every connection renewed once, both nodes serving").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> number(probes.stats(pool), "physicalDestroyed") - number(initial, "physicalDestroyed")
                            >= LOAD_POOL_MAX && a.openConnections() > 0 && b.openConnections() > 0);
            JsonObject steadyLoad = probes.awaitLoad("the load runs", r -> number(r, "calls") >= 50);
            JsonObject steadyStats = probes.stats(pool);
            ServerLog.Slice steadyLog = log.since(logStart);

            split.mark("B stopped");
            long stopped = System.nanoTime();
            b.stop();
            JsonObject movedStats;
            JsonObject movedLoad;
            JsonObject downLoad;
            long movedMillis;
            try {
                movedStats = await("every connection on node A").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100))
                        .until(() -> probes.stats(pool), s -> b.openConnections() == 0 && number(s, "physicalOpen") > 0
                                && a.openConnections() == number(s, "physicalOpen"));
                movedMillis = elapsed(stopped);
                movedLoad = probes.awaitLoad("calls through node A", r -> number(r, "calls") >= number(steadyLoad, "calls") + 50);
                downLoad = probes.awaitLoad("node B down " + B_DOWN.toSeconds() + " s", r -> elapsed(stopped) >= B_DOWN.toMillis());
            } finally {
                b.restart();
            }
            long restarted = System.nanoTime();
            split.mark("B restarted");
            JsonObject downStats = probes.stats(pool);
            Map<Path, Long> returnLog = log.mark();
            await("connections on both nodes again").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100))
                    .until(() -> a.openConnections() > 0 && b.openConnections() > 0);
            long spreadMillis = elapsed(restarted);
            // Until every connection that was open at B's return (all on A) was renewed: the split settled.
            await("the connections of the outage renewed").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100))
                    .until(() -> destroyed(probes.stats(pool), downStats) >= number(downStats, "physicalOpen"));
            JsonObject load = probes.stopLoad();
            split.mark("load stopped");
            JsonObject stats = probes.stats(pool);
            ServerLog.Slice returnSlice = log.since(returnLog);
            long[] open = new long[1];
            JsonObject end = await("connections at the nodes match the pool's").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        open[0] = a.openConnections() + b.openConnections();
                        return probes.stats(pool);
                    }, s -> number(s, "physicalOpen") == open[0]);

            long outageFailures = number(downLoad, "failures") - number(steadyLoad, "failures");
            long afterMoveFailures = number(downLoad, "failures") - number(movedLoad, "failures");
            long returnFailures = number(load, "failures") - number(downLoad, "failures");
            long steadyEvents = number(steadyStats, "connectionErrors") - number(initial, "connectionErrors");
            long outageEvents = number(downStats, "connectionErrors") - number(steadyStats, "connectionErrors");
            long returnEvents = number(stats, "connectionErrors") - number(downStats, "connectionErrors");
            long steadyValidationsFailed = number(steadyStats, "validationsFailed") - number(initial, "validationsFailed");
            long returnValidationsFailed = number(stats, "validationsFailed") - number(downStats, "validationsFailed");
            String declined = server.declinedMatchWarning();
            row.calls(number(load, "calls"), number(load, "failures"))
                    .slowest(Math.max(number(load, "maxCallMillis"), number(load, "maxFailedIterationMillis")),
                            FAILOVER_CALL_TIMEOUT_MILLIS)
                    .connections(open[0], LOAD_POOL_MAX)
                    .handles(number(end, "handlesOpen"))
                    .other("connections on A/B per second (" + split.marks() + "): " + split.seconds())
                    .other("spread over both nodes " + spreadMillis + " ms after B's return (bound " + SPREAD_BOUND_MILLIS
                            + " ms: age " + MAX_CONNECTION_AGE_MILLIS + " + 10 % + validation period "
                            + VALIDATION_PERIOD_SECONDS + " s + " + SPREAD_MARGIN_MILLIS + " ms)")
                    .other("all " + number(movedStats, "physicalOpen") + " on A " + movedMillis + " ms after B stopped")
                    .other("channels closed (renewals, and opens that failed at B while down): steady " + destroyed(steadyStats, initial) + ", B down "
                            + destroyed(downStats, steadyStats) + ", after B's return " + destroyed(stats, downStats))
                    .other("failed calls: steady " + number(steadyLoad, "failures") + ", B down " + outageFailures + " ("
                            + afterMoveFailures + " once all were on A), after B's return " + returnFailures
                            + "; of them failed borrows " + number(load, "borrowFailures"))
                    .other("error events: steady " + steadyEvents + ", B down " + outageEvents + ", after B's return "
                            + returnEvents + "; validations failed: steady " + steadyValidationsFailed + ", B down "
                            + (number(downStats, "validationsFailed") - number(steadyStats, "validationsFailed"))
                            + ", after B's return " + returnValidationsFailed)
                    .other("log, steady: " + steadyLog.summary())
                    .other("log, after B's return: " + returnSlice.summary())
                    .other("errors: " + errors(load.get("errors")));

            assertThat(number(steadyLoad, "borrowFailures")).as("failed borrows while connections were renewed by age")
                    .isZero();
            assertThat(number(steadyLoad, "failures")).as("failed calls while connections were renewed by age").isZero();
            assertThat(steadyEvents).as("error events while connections were renewed by age").isZero();
            assertRenewalLogsNothing(steadyLog, declined, "steady");
            assertThat(afterMoveFailures).as("failed calls once every connection was on node A").isZero();
            assertThat(number(load, "maxCallMillis")).as("slowest call, deadline %d ms", FAILOVER_CALL_TIMEOUT_MILLIS)
                    .isLessThanOrEqualTo(FAILOVER_CALL_TIMEOUT_MILLIS + 500L);
            assertThat(number(load, "maxFailedIterationMillis")).as("slowest failed borrow + call")
                    .isLessThanOrEqualTo(Bounds.BORROW);
            assertThat(spreadMillis).as("B's return to connections on both nodes").isLessThanOrEqualTo(SPREAD_BOUND_MILLIS);
            assertThat(number(load, "borrowFailures") - number(downLoad, "borrowFailures"))
                    .as("failed borrows after B's return (renewal only)").isZero();
            assertThat(returnFailures).as("failed calls after B's return (renewal only)").isZero();
            assertThat(returnEvents).as("error events after B's return (renewal only)").isZero();
            assertRenewalLogsNothing(returnSlice, declined, "after B's return");
            // A validation may fail while B is down (a connection to B that broke); renewal by age fails none.
            assertThat(steadyValidationsFailed).as("validations failed while connections were renewed by age").isZero();
            assertThat(returnValidationsFailed).as("validations failed after B's return (renewal only)").isZero();
            assertThat(number(load, "stuckWorkers")).as("workers that did not stop").isZero();
            assertThat(number(end, "handlesOpen")).as("handles left open").isZero();
            assertThat(open[0]).as("connections open at the nodes").isLessThanOrEqualTo(LOAD_POOL_MAX);
        }
        row.passed();
    }

    /**
     * No record above INFO in {@code slice} but the server's own warning for a connection the adapter
     * declined to match ({@code declined}, null when the server logs none: see {@link FaultServer#declinedMatchWarning()}).
     */
    private static void assertRenewalLogsNothing(ServerLog.Slice slice, String declined, String window) {
        assertThat(slice.events).as("QDRANT-010 lines, %s", window).isZero();
        assertThat(slice.quoted).as("server records quoting an error event, %s", window).isZero();
        assertThat(slice.listenerFailures).as("event listeners that threw, %s", window).isEmpty();
        assertThat(slice.serverBugs).as("server errors, %s", window).isEmpty();
        Set<String> others = new TreeSet<>(slice.others.keySet());
        if (declined != null) {
            others.remove(declined);
        }
        assertThat(others).as("log records above INFO, %s: %s", window, slice.unexplained).isEmpty();
    }

    private static long destroyed(JsonObject now, JsonObject before) {
        return number(now, "physicalDestroyed") - number(before, "physicalDestroyed");
    }
}
