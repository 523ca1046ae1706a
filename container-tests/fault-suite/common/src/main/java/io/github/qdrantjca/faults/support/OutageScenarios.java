package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.CONNECT_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.LOAD_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.VALIDATION_TIMEOUT_MILLIS;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Qdrant away under a steady load of workers inside the server (borrow + search + close): unreachable
 * at deployment (1), stopped (2), stopped under a pool sharing one channel (2b), stalled (3).
 */
final class OutageScenarios {

    /** Workers of the steady load. */
    static final int WORKERS = 4;
    /** How long Qdrant stays stopped in scenario 2. */
    static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Workers of scenario 2b: twice the pool maximum, so that the pool grows to its maximum on the one channel. */
    static final int SHARED_WORKERS = 2 * LOAD_POOL_MAX;
    /** How long Qdrant stays stopped in scenario 2b. */
    static final Duration SHARED_OUTAGE = Duration.ofSeconds(5);
    /** Rounds of idle connections' events in scenario 2b: the second shows the pool whole again after the first. */
    static final int IDLE_ROUNDS = 2;
    /** How long Qdrant stays stalled in scenario 3. */
    static final Duration STALL = Duration.ofSeconds(10);

    private final FaultServer server;
    private final Probes probes;
    private final ServerLog log;

    OutageScenarios(FaultServer server) {
        this.server = server;
        this.probes = new Probes(server);
        this.log = new ServerLog(server);
    }

    /** 1: the application deploys while Qdrant is unreachable, fails fast, and works once Qdrant appears. */
    void unreachableAtDeploymentThenAppears() throws Exception {
        FaultReport.Row row = server.report().row("1. Qdrant unreachable at deployment, then appears");
        QdrantEmulator qdrant = FaultQdrants.plain();
        JsonObject once;
        qdrant.stop();
        try {
            server.deployApplication();
            Http.Reply down = await("readiness DOWN while Qdrant is unreachable").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(200)).until(probes::readiness, r -> r.status() == 503);
            assertThat(down.body()).contains("\"DOWN\"").contains("qdrant-faults");
            once = probes.once(FaultNames.LOAD);
            assertThat(ok(once)).as("a call while Qdrant is unreachable: %s", once).isFalse();
            assertThat(number(once, "millis")).as("the failed call returns fast").isLessThanOrEqualTo(Bounds.BORROW);
            assertThat(text(once, "error")).as("the error names the Qdrant it could not reach")
                    .contains(Integer.toString(qdrant.port()));
            probes.startLoad(FaultNames.LOAD, WORKERS);
            JsonObject failing = probes.awaitLoad("the workers fail while Qdrant is unreachable",
                    r -> number(r, "failures") >= 5 * WORKERS);
            assertThat(number(failing, "failures")).isEqualTo(number(failing, "calls"));
        } finally {
            qdrant.restart();
        }
        long appeared = System.nanoTime();
        probes.markLoad();
        long recovery = awaitRecovery(appeared);
        JsonObject load = probes.stopLoad();
        JsonObject stats = probes.stats(FaultNames.LOAD);

        outageFigures(row, load, stats, qdrant, recovery)
                .other("error while down (" + number(once, "millis") + " ms): " + shorten(text(once, "error")));
        assertOutageBounds(load);
        assertEndState(load, stats, qdrant);
        row.passed();
    }

    /** 2: Qdrant stops for {@link #OUTAGE} under load and starts again. */
    void stoppedDuringLoadThenRestarted() throws Exception {
        FaultReport.Row row = server.report().row("2. Qdrant stopped " + OUTAGE.toSeconds() + " s during load, restarted");
        QdrantEmulator qdrant = FaultQdrants.plain();
        qdrant.resetMaxOpenConnections();
        probes.startLoad(FaultNames.LOAD, WORKERS);
        JsonObject healthy = probes.awaitLoad("the load runs", r -> number(r, "calls") >= 50);
        assertThat(number(healthy, "failures")).as("failures before the outage: %s", healthy).isZero();
        long stopped = System.nanoTime();
        qdrant.stop();
        try {
            await("readiness DOWN during an outage of " + OUTAGE.toSeconds() + " s").atMost(OUTAGE.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> probes.readiness().status() == 503 && elapsed(stopped) >= OUTAGE.toMillis());
        } finally {
            qdrant.restart();
        }
        long restarted = System.nanoTime();
        probes.markLoad();
        long recovery = awaitRecovery(restarted);
        JsonObject load = probes.stopLoad();
        JsonObject stats = probes.stats(FaultNames.LOAD);

        outageFigures(row, load, stats, qdrant, recovery)
                .other("most connections open at once: " + qdrant.maxOpenConnections())
                .other("errors: " + errors(load.get("errors")));
        assertThat(number(load, "failures")).as("calls failed during the outage").isPositive();
        assertOutageBounds(load);
        // Connections open at once is a figure, not an assertion: during the recovery the emulator can still
        // count a connection the adapter closed (it sees the close asynchronously); one run under heavy machine
        // load saw 5 for a pool of 4. At the end, the count must be within the pool maximum.
        assertEndState(load, stats, qdrant);
        row.passed();
    }

    /**
     * 2b: scenario 2 on a pool whose managed connections share one gRPC channel
     * ({@code sharedChannels=1}): when a call finds the channel broken, every managed connection on
     * it reports CONNECTION_ERROR_OCCURRED, those idle in the pool as well as the one in use. First
     * Qdrant stops under a load of more workers than the pool maximum (the events reach each
     * connection in whatever state it is: in use, being validated for a borrower, idle). Then, in
     * {@value #IDLE_ROUNDS} rounds with the pool quiet, one handle is held while
     * {@value FaultNames#LOAD_POOL_MAX} - 1 connections wait idle and Qdrant stops: the channel breaks
     * (the adapter's watch of the channel's state, or a call on the held handle, whichever comes
     * first), so that idle connections' events are certain. The server must
     * destroy every connection told (the last one closes the channel) and log nothing but its note of
     * the event, and the pool must heal. The pool ends empty: later scenarios count only the load
     * pool's connections at this Qdrant.
     */
    void stoppedDuringLoadOnOneSharedChannelThenRestarted() throws Exception {
        FaultReport.Row row = server.report().row("2b. Pool sharing 1 channel: Qdrant stopped " + SHARED_OUTAGE.toSeconds()
                + " s during load of " + SHARED_WORKERS + " workers, restarted; then idle connections' events ("
                + IDLE_ROUNDS + " rounds)");
        QdrantEmulator qdrant = FaultQdrants.plain();
        Map<Path, Long> logStart = log.mark();
        JsonObject initial = probes.stats(FaultNames.SHARED);
        // Connections other pools keep open at Qdrant (the load pool's idle ones): until the fault only this
        // pool opens any, so the high-water mark above them is this pool's.
        int others = qdrant.openConnections();
        qdrant.resetMaxOpenConnections();
        probes.startLoad(FaultNames.SHARED, SHARED_WORKERS);
        JsonObject healthy = probes.awaitLoad("the load runs", r -> number(r, "calls") >= 50);
        JsonObject beforeFault = probes.stats(FaultNames.SHARED);
        int mostOpen = qdrant.maxOpenConnections() - others;
        assertThat(number(healthy, "failures")).as("failures before the outage: %s", healthy).isZero();
        assertThat(number(beforeFault, "physicalOpen")).as("channels the pool has open: %s", beforeFault)
                .isLessThanOrEqualTo(1);
        assertThat(mostOpen).as("most connections the pool had open at Qdrant at once (besides %d of other pools)", others)
                .isLessThanOrEqualTo(1);

        long stopped = System.nanoTime();
        qdrant.stop();
        try {
            probes.awaitLoad("calls fail during an outage of " + SHARED_OUTAGE.toSeconds() + " s",
                    r -> number(r, "failures") >= SHARED_WORKERS && elapsed(stopped) >= SHARED_OUTAGE.toMillis());
        } finally {
            qdrant.restart();
        }
        long restarted = System.nanoTime();
        probes.markLoad();
        long recovery = awaitRecovery(restarted);
        JsonObject recovered = probes.stats(FaultNames.SHARED);
        JsonObject load = probes.stopLoad();
        ServerLog.Slice underLoad = log.since(logStart);

        // The idle connections' events, for certain: nobody else borrows from this pool now. The second round's
        // four handles at once show that the pool lends its maximum again after the first round's events.
        int idle = LOAD_POOL_MAX - 1;
        List<IdleRound> rounds = new ArrayList<>();
        for (int i = 0; i < IDLE_ROUNDS; i++) {
            rounds.add(idleRound(qdrant, idle));
        }
        JsonObject stats = probes.stats(FaultNames.SHARED);

        long loadEvents = number(recovered, "connectionErrors") - number(beforeFault, "connectionErrors");
        outageFigures(row, load, stats, qdrant, recovery)
                .other("before the fault: " + number(healthy, "calls") + " calls, channels opened "
                        + (number(beforeFault, "physicalCreated") - number(initial, "physicalCreated"))
                        + ", most connections at Qdrant at once " + mostOpen + " (besides " + others + " of the load pool)")
                .other("under load: " + loadEvents + " connection error events; " + underLoad.summary())
                .other("under load, channels opened "
                        + (number(recovered, "physicalCreated") - number(beforeFault, "physicalCreated"))
                        + " (most failed to open during the outage), open once all workers succeeded again "
                        + number(recovered, "physicalOpen"));
        for (int i = 0; i < rounds.size(); i++) {
            row.other("quiet pool, round " + (i + 1) + ", " + idle + " idle + 1 held, Qdrant stopped: "
                    + rounds.get(i).summary());
        }
        row.other("errors under load: " + errors(load.get("errors")));
        assertThat(number(load, "failures")).as("calls failed during the outage").isPositive();
        assertOutageBounds(load);
        assertThat(loadEvents).as("connection error events of the connections on the broken channel").isPositive();
        assertThat(number(recovered, "physicalOpen")).as("channels open once every worker succeeded again: %s", recovered)
                .isLessThanOrEqualTo(1);
        assertThat(underLoad.listenerFailures).as("event listeners of the server that threw").isEmpty();
        assertThat(underLoad.serverBugs).as("server errors in the log during the outage under load").isEmpty();
        for (IdleRound round : rounds) {
            assertThat(round.heldOutcome()).as("the call on the held handle: %s", round.held())
                    .isIn(HELD_CALL_BROKE_THE_CHANNEL, HELD_CONNECTION_ALREADY_DESTROYED);
            assertThat(round.events()).as("events: the held connection's and the %d idle ones'", idle).isEqualTo(idle + 1);
            assertThat(round.validationsFailed()).as("connections the events left for validation to find").isZero();
            // The log cannot tell pools apart: the load pool's idle connections at the same Qdrant break too (the
            // adapter watches every channel) and log their own events and failed validations. This pool's own
            // figures are the exact ones above.
            assertThat(round.log().events).as("the adapter's log line for each event").isGreaterThanOrEqualTo(idle + 1);
            assertThat(round.log().listenerFailures).as("event listeners of the server that threw").isEmpty();
            assertThat(round.log().unexplained).as("log records besides the events and the server's notes of them")
                    .isEmpty();
        }
        assertThat(number(stats, "physicalOpen")).as("channels open at the end: %s", stats).isLessThanOrEqualTo(1);
        assertEndState(load, stats, qdrant);
        row.passed();
    }

    /** The call on the held handle found the channel gone and broke it. */
    private static final String HELD_CALL_BROKE_THE_CHANNEL = "UNAVAILABLE";
    /** The adapter's connectivity watch broke the channel first, so the server had already destroyed the held connection. */
    private static final String HELD_CONNECTION_ALREADY_DESTROYED = "handle closed: its connection was destroyed";

    /** One round of scenario 2b's idle connections' events. */
    private record IdleRound(JsonObject held, long events, long validationsFailed, long channelClosedMillis,
            ServerLog.Slice log) {
        /** What the call on the held handle met: one of the two outcomes above, else its status and error. */
        String heldOutcome() {
            String error = String.valueOf(text(held, "error"));
            if (error.contains("Qdrant connection handle is closed (its connection was destroyed)")) {
                return HELD_CONNECTION_ALREADY_DESTROYED;
            }
            return HELD_CALL_BROKE_THE_CHANNEL.equals(text(held, "status")) ? HELD_CALL_BROKE_THE_CHANNEL
                    : text(held, "status") + ": " + shorten(error);
        }

        String summary() {
            return "a call on the held handle: " + heldOutcome() + "; " + events + " connection error events; "
                    + "channel closed " + channelClosedMillis + " ms after the call; validations failed "
                    + validationsFailed + "; " + log.summary();
        }
    }

    /**
     * With nobody else borrowing from the shared pool: leaves {@code idle} connections idle in it and
     * holds one more handle, stops Qdrant, calls on the held handle (which breaks the channel unless
     * the adapter's channel watch did already), waits
     * until the server destroyed every connection on it (the last one closes the channel), and
     * starts Qdrant again.
     */
    private IdleRound idleRound(QdrantEmulator qdrant, int idle) throws IOException {
        Map<Path, Long> logStart = log.mark();
        JsonObject hold = Probes.object(Http.postJson(probes.api("probe/hold?pool=" + server.jndi(FaultNames.SHARED)
                + "&idle=" + idle), ""));
        JsonObject holding = hold.getJsonObject("statistics");
        JsonObject held;
        long channelClosedMillis;
        qdrant.stop();
        try {
            held = Probes.object(Http.postJson(probes.api("probe/held"), ""));
            long called = System.nanoTime();
            await("every connection on the broken channel destroyed, so the channel closed").atMost(Bounds.RECOVERY)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> number(probes.stats(FaultNames.SHARED), "physicalOpen") == 0);
            channelClosedMillis = elapsed(called);
        } finally {
            qdrant.restart();
        }
        JsonObject after = probes.stats(FaultNames.SHARED);
        return new IdleRound(held, number(after, "connectionErrors") - number(holding, "connectionErrors"),
                number(after, "validationsFailed") - number(holding, "validationsFailed"), channelClosedMillis,
                log.since(logStart));
    }

    /** 3: Qdrant stalls for {@link #STALL} under load; no call or borrow waits beyond its deadline. */
    void stallsUnderLoadAndNothingBlocksBeyondItsDeadline() throws Exception {
        FaultReport.Row row = server.report().row("3. Qdrant stalls " + STALL.toSeconds() + " s under load");
        QdrantEmulator qdrant = FaultQdrants.plain();
        qdrant.resetMaxOpenConnections();
        probes.startLoad(FaultNames.LOAD, WORKERS);
        probes.awaitLoad("the load runs", r -> number(r, "calls") >= 50);
        long stalled = System.nanoTime();
        qdrant.stall(true);
        try {
            probes.awaitLoad("calls fail with their deadline during a stall of " + STALL.toSeconds() + " s",
                    r -> number(r, "failures") >= WORKERS && elapsed(stalled) >= STALL.toMillis());
        } finally {
            qdrant.stall(false);
        }
        long released = System.nanoTime();
        probes.markLoad();
        long recovery = awaitRecovery(released);
        JsonObject load = probes.stopLoad();
        JsonObject stats = probes.stats(FaultNames.LOAD);
        JsonObject after = probes.once(FaultNames.LOAD);

        row.calls(number(load, "calls"), number(load, "failures"))
                .slowest(number(load, "maxCallMillis"), CALL_TIMEOUT_MILLIS)
                .recovery(number(load, "firstSuccessAfterMarkMillis"), number(load, "allWorkersOkAfterMarkMillis"),
                        recovery)
                .connections(qdrant.openConnections(), LOAD_POOL_MAX)
                .handles(number(stats, "handlesOpen"))
                .other("slowest borrow (validation " + VALIDATION_TIMEOUT_MILLIS + " ms + connect " + CONNECT_TIMEOUT_MILLIS
                        + " ms): " + number(load, "maxBorrowMillis") + " ms")
                .other("slowest failed borrow+call: " + number(load, "maxFailedIterationMillis") + " ms")
                .other("errors: " + errors(load.get("errors")));
        assertThat(number(load, "maxCallMillis")).as("slowest call, deadline %d ms", CALL_TIMEOUT_MILLIS)
                .isLessThanOrEqualTo(Bounds.CALL);
        assertThat(number(load, "maxBorrowMillis")).as("slowest borrow").isLessThanOrEqualTo(Bounds.BORROW);
        assertThat(number(load, "maxFailedIterationMillis")).isLessThanOrEqualTo(Bounds.BORROW + Bounds.CALL);
        assertThat(ok(after)).as("a call after the stall: %s", after).isTrue();
        assertThat(number(after, "millis")).isLessThanOrEqualTo(Bounds.CALL);
        assertEndState(load, stats, qdrant);
        row.passed();
    }

    /** Waits until every worker succeeded again and readiness is UP; the milliseconds since {@code sinceNanos}. */
    private long awaitRecovery(long sinceNanos) {
        probes.awaitLoad("every worker succeeds again", r -> number(r, "allWorkersOkAfterMarkMillis") >= 0);
        await("readiness UP").atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> probes.readiness().status() == 200);
        return elapsed(sinceNanos);
    }

    /**
     * The figures every outage scenario reports first: calls and failures, the slowest call or failed
     * borrow + call, the recovery after the mark, connections open at Qdrant and handles left open.
     */
    private static FaultReport.Row outageFigures(FaultReport.Row row, JsonObject load, JsonObject stats,
            QdrantEmulator qdrant, long readinessMillis) {
        return row.calls(number(load, "calls"), number(load, "failures"))
                .slowest(Math.max(number(load, "maxCallMillis"), number(load, "maxFailedIterationMillis")), CALL_TIMEOUT_MILLIS)
                .recovery(number(load, "firstSuccessAfterMarkMillis"), number(load, "allWorkersOkAfterMarkMillis"),
                        readinessMillis)
                .connections(qdrant.openConnections(), LOAD_POOL_MAX)
                .handles(number(stats, "handlesOpen"));
    }

    /**
     * What every outage scenario holds: no call beyond its deadline, no failed borrow + call beyond
     * validation + connect, and no failure once every worker succeeded again.
     */
    private static void assertOutageBounds(JsonObject load) {
        assertThat(number(load, "maxCallMillis")).isLessThanOrEqualTo(Bounds.CALL);
        assertThat(number(load, "maxFailedIterationMillis")).isLessThanOrEqualTo(Bounds.BORROW);
        assertThat(number(load, "failuresAfterAllOk")).as("failures once every worker succeeded: %s", load).isZero();
    }

    private static void assertEndState(JsonObject load, JsonObject stats, QdrantEmulator qdrant) {
        assertThat(number(load, "stuckWorkers")).as("workers that did not stop").isZero();
        assertThat(number(stats, "handlesOpen")).as("handles left open").isZero();
        assertThat(qdrant.openConnections()).as("connections open at Qdrant").isLessThanOrEqualTo(LOAD_POOL_MAX);
    }
}
