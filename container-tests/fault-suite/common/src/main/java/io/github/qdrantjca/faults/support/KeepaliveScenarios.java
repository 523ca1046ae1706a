package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_TIME_MILLIS;
import static io.github.qdrantjca.faults.support.Probes.elapsed;
import static io.github.qdrantjca.faults.support.Probes.number;
import static io.github.qdrantjca.faults.support.Probes.ok;
import static io.github.qdrantjca.faults.support.Probes.text;
import static io.github.qdrantjca.faults.support.Texts.errors;
import static io.github.qdrantjca.faults.support.Texts.shorten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.it.support.Http;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * 7: the network path to Qdrant goes silent under load (the emulator's freeze: connections stay
 * open, not one byte passes, HTTP/2 pings go unanswered) and comes back. The pool
 * ({@link FaultNames#KEEPALIVE}) has keepalive at gRPC Java's floor and validates nothing on
 * borrow, so only the keepalive can condemn a frozen connection; its Qdrant serves no other pool,
 * so the emulator's count of open connections is this pool's.
 */
final class KeepaliveScenarios {

    /** How long the path stays frozen. */
    static final Duration FREEZE = Duration.ofSeconds(30);
    /** Workers of the load: fewer than the connections the pool holds, so that some wait idle. */
    static final int WORKERS = 2;
    /** Connections left idle in the pool beside the held one before the load starts. */
    static final int IDLE = 3;
    /** Deadline of the call on the held handle: longer than the keepalive window, so only the keepalive can end it. */
    static final long HELD_DEADLINE_MILLIS = 60_000;
    /** Ping interval + ping timeout: the longest a frozen connection can live. */
    static final long KEEPALIVE_WINDOW_MILLIS = KEEPALIVE_TIME_MILLIS + KEEPALIVE_TIMEOUT_MILLIS;
    /** Margin on every bound of a call (as {@link Bounds#CALL}). */
    static final long MARGIN_MILLIS = 500;
    /**
     * Margin on when the test sees every connection condemned: {@link #MARGIN_MILLIS} plus its
     * polling of the pool's counters (every 100 ms, one HTTP request each) on a loaded machine.
     */
    static final long SEEN_MARGIN_MILLIS = 1_500;
    /**
     * The pool serves calls again within this long of the thaw: the first success, every worker's
     * success, and {@code healedSuccesses} successes (beyond the time they take at the load's rate
     * before the freeze, which a loaded machine stretches).
     */
    static final long HEAL_MILLIS = 2_000;

    private final FaultServer server;
    private final Probes probes;
    private final ServerLog log;

    KeepaliveScenarios(FaultServer server) {
        this.server = server;
        this.probes = new Probes(server);
        this.log = new ServerLog(server);
    }

    /** 7: see the class comment. */
    void frozenPathUnderLoadIsCondemnedByKeepaliveAndHeals() throws Exception {
        FaultReport.Row row = server.report().row("7. Path to Qdrant frozen " + FREEZE.toSeconds() + " s under load of "
                + WORKERS + " workers, 1 held call, " + IDLE + " idle connections (keepalive " + KEEPALIVE_TIME_MILLIS
                / 1000 + " s + " + KEEPALIVE_TIMEOUT_MILLIS / 1000 + " s, no validation)");
        QdrantEmulator qdrant = FaultQdrants.frozen();
        String pool = FaultNames.KEEPALIVE;
        Map<Path, Long> logStart = log.mark();
        // The held handle and the idle connections first, so that the pool holds more connections than workers.
        Probes.object(Http.postJson(probes.api("probe/hold?pool=" + server.jndi(pool) + "&idle=" + IDLE), ""));
        probes.startLoad(pool, WORKERS);
        JsonObject healthy = probes.awaitLoad("the load runs", r -> number(r, "calls") >= 50);
        assertThat(number(healthy, "failures")).as("failures before the freeze: %s", healthy).isZero();
        JsonObject beforeFreeze = probes.stats(pool);
        long openAtFreeze = number(beforeFreeze, "physicalOpen");
        int atQdrantBeforeFreeze = qdrant.openConnections();

        long frozen = System.nanoTime();
        qdrant.freeze();
        JsonObject held;
        long allCondemnedSeenMillis;
        JsonObject frozenLoad;
        JsonObject frozenStats;
        try {
            Probes.object(Http.postJson(probes.api("probe/held/start?deadlineMillis=" + HELD_DEADLINE_MILLIS), ""));
            held = await("the held call ends").atMost(Duration.ofMillis(KEEPALIVE_WINDOW_MILLIS + 10_000))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Probes.object(Http.get(probes.api("probe/held/outcome"))), r -> r.getBoolean("done"));
            try {
                await("every connection open at the freeze condemned")
                        .atMost(Duration.ofMillis(Math.max(100, KEEPALIVE_WINDOW_MILLIS + SEEN_MARGIN_MILLIS - elapsed(frozen))))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> eventsSince(probes.stats(pool), beforeFreeze) >= openAtFreeze);
                allCondemnedSeenMillis = elapsed(frozen);
            } catch (ConditionTimeoutException e) {
                allCondemnedSeenMillis = -1; // the figures below say how many were
            }
            frozenStats = probes.stats(pool);
            frozenLoad = await("the path stays frozen " + FREEZE.toSeconds() + " s").atMost(FREEZE.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Probes.object(Http.get(probes.api("load/report"))), r -> elapsed(frozen) >= FREEZE.toMillis());
            probes.markLoad();
        } finally {
            qdrant.thaw();
        }
        JsonObject healed = probes.awaitLoad(HEAL_MILLIS + " ms after the thaw, the pool serves calls again",
                r -> number(r, "healedAfterMarkMillis") >= 0);
        JsonObject load = probes.stopLoad();
        JsonObject stats = probes.stats(pool);
        int[] atQdrant = new int[1];
        JsonObject steady = await("connections open at Qdrant match the pool's").atMost(Bounds.RECOVERY)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    atQdrant[0] = qdrant.openConnections();
                    return probes.stats(pool);
                }, s -> number(s, "physicalOpen") == atQdrant[0] && number(s, "handlesOpen") == 0);
        ServerLog.Slice slice = log.since(logStart);

        long events = eventsSince(stats, beforeFreeze);
        // How long the same number of successes took before the freeze, at the load's steady rate on this machine.
        long successes = number(healed, "healedSuccesses");
        long steadyMillis = Math.round(successes * 1000 * healthy.getJsonNumber("seconds").doubleValue()
                / number(healthy, "calls"));
        long validationsFailed = number(stats, "validationsFailed") - number(beforeFreeze, "validationsFailed");
        long loadBound = Math.min(CALL_TIMEOUT_MILLIS, KEEPALIVE_WINDOW_MILLIS);
        long heldBound = Math.min(HELD_DEADLINE_MILLIS, KEEPALIVE_WINDOW_MILLIS);
        row.calls(number(load, "calls"), number(load, "failures"))
                .slowest(number(load, "maxCallMillis"), CALL_TIMEOUT_MILLIS)
                .recovery(number(load, "firstSuccessAfterMarkMillis"), number(load, "allWorkersOkAfterMarkMillis"))
                .connections(qdrant.openConnections(), KEEPALIVE_POOL_MAX)
                .handles(number(steady, "handlesOpen"))
                .other("held call (deadline " + HELD_DEADLINE_MILLIS / 1000 + " s): " + outcome(held) + " after "
                        + number(held, "millis") + " ms, lateness " + (number(held, "millis") - heldBound)
                        + " ms against min(deadline, keepalive " + KEEPALIVE_WINDOW_MILLIS + " ms)")
                .other("load calls: slowest " + number(load, "maxCallMillis") + " ms, lateness "
                        + (number(load, "maxCallMillis") - loadBound) + " ms against min(deadline, keepalive) = "
                        + loadBound + " ms; slowest borrow " + number(load, "maxBorrowMillis")
                        + " ms; slowest failed borrow + call " + number(load, "maxFailedIterationMillis") + " ms")
                .other(openAtFreeze + " connections open at the freeze (" + atQdrantBeforeFreeze + " at Qdrant: 1 held, "
                        + IDLE + " left idle, the workers'); " + events + " connection error events, "
                        + (allCondemnedSeenMillis < 0 ? "not all within " + (KEEPALIVE_WINDOW_MILLIS + SEEN_MARGIN_MILLIS)
                                + " ms" : "all seen " + allCondemnedSeenMillis + " ms")
                        + " after the freeze; validations failed " + validationsFailed)
                .other("thaw to first success " + number(healed, "firstSuccessAfterMarkMillis") + " ms, to "
                        + number(healed, "healedSuccesses") + " successes " + number(healed, "healedAfterMarkMillis")
                        + " ms (" + steadyMillis + " ms at the rate before the freeze)")
                .other("during the freeze: " + (number(frozenLoad, "calls") - number(healthy, "calls")) + " calls, "
                        + (number(frozenLoad, "failures") - number(healthy, "failures")) + " failed; opens tried "
                        + (number(frozenStats, "physicalCreated") - number(beforeFreeze, "physicalCreated"))
                        + " before all were condemned")
                .other("pool at the end: " + number(steady, "physicalOpen") + " open, " + atQdrant[0] + " at Qdrant")
                .other(slice.summary())
                .other("errors: " + errors(load.get("errors")));

        assertThat(ok(held)).as("the call on the held handle through a frozen path: %s", held).isFalse();
        assertThat(text(held, "status")).as("how the held call ended: %s", held).isEqualTo("UNAVAILABLE");
        assertThat(number(held, "millis")).as("held call, bound min(deadline, keepalive time + timeout) + 500 ms")
                .isLessThanOrEqualTo(heldBound + MARGIN_MILLIS);
        assertThat(number(load, "maxCallMillis")).as("slowest load call, bound min(deadline, keepalive) + 500 ms")
                .isLessThanOrEqualTo(loadBound + MARGIN_MILLIS);
        assertThat(number(load, "maxBorrowMillis")).as("slowest borrow").isLessThanOrEqualTo(Bounds.BORROW);
        assertThat(number(load, "maxFailedIterationMillis")).as("slowest failed borrow + call")
                .isLessThanOrEqualTo(Bounds.BORROW);
        assertThat(openAtFreeze).as("connections at the freeze: the held one, the idle ones").isGreaterThanOrEqualTo(1 + IDLE);
        assertThat(allCondemnedSeenMillis).as("every connection open at the freeze condemned by an error event within"
                + " %d ms (-1: not all were)", KEEPALIVE_WINDOW_MILLIS + SEEN_MARGIN_MILLIS).isNotNegative();
        assertThat(validationsFailed).as("validations (the pool validates nothing on borrow)").isZero();
        assertThat(slice.events).as("the adapter's QDRANT-010 line for each event").isGreaterThanOrEqualTo(events);
        assertThat(slice.listenerFailures).as("event listeners of the server that threw").isEmpty();
        assertThat(slice.serverBugs).as("server errors in the log").isEmpty();
        assertThat(number(healed, "firstSuccessAfterMarkMillis")).as("thaw to the first success")
                .isBetween(0L, HEAL_MILLIS);
        assertThat(number(healed, "allWorkersOkAfterMarkMillis")).as("thaw to every worker's success")
                .isBetween(0L, HEAL_MILLIS);
        assertThat(number(healed, "healedAfterMarkMillis") - steadyMillis)
                .as("thaw to %d successes, less the %d ms they took before the freeze", successes, steadyMillis)
                .isLessThanOrEqualTo(HEAL_MILLIS);
        assertThat(number(load, "failuresAfterAllOk")).as("failures once every worker succeeded again").isZero();
        assertThat(number(load, "stuckWorkers")).as("workers that did not stop").isZero();
        assertThat(number(steady, "physicalOpen")).as("connections of the pool at the end")
                .isLessThanOrEqualTo(KEEPALIVE_POOL_MAX);
        row.passed();
    }

    /** Connection error events of the pool since {@code before}. */
    private static long eventsSince(JsonObject now, JsonObject before) {
        return number(now, "connectionErrors") - number(before, "connectionErrors");
    }

    private static String outcome(JsonObject call) {
        return ok(call) ? "worked" : text(call, "status") + " (" + shorten(text(call, "error")) + ")";
    }
}
