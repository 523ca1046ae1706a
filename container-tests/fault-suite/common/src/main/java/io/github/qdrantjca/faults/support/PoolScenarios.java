package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.LOAD_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.POOL_WAIT_MILLIS;
import static io.github.qdrantjca.faults.support.Probes.number;
import static io.github.qdrantjca.faults.support.Texts.matching;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.it.support.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/** The pool under pressure: exhausted by holders (4), and requests Qdrant rejects by the thousand (6). */
final class PoolScenarios {

    /** Callers beyond the pool maximum in scenario 4. */
    static final int EXTRA_CALLERS = 3;
    /** Requests Qdrant rejects in scenario 6. */
    static final int REJECTED = 10_000;

    private final FaultServer server;
    private final Probes probes;

    PoolScenarios(FaultServer server) {
        this.server = server;
        this.probes = new Probes(server);
    }

    /** 4: every connection held, more callers fail within the wait time with the server's message, and the pool recovers. */
    void exhaustedPoolFailsCallersClearlyAndRecovers() {
        FaultReport.Row row = server.report().row("4. Pool exhausted (" + LOAD_POOL_MAX + " held + " + EXTRA_CALLERS
                + " more callers)");
        QdrantEmulator qdrant = FaultQdrants.plain();
        JsonObject r = Probes.object(Http.get(probes.api("probe/exhaust?pool=" + server.jndi(FaultNames.LOAD)
                + "&holders=" + LOAD_POOL_MAX + "&extra=" + EXTRA_CALLERS)));
        JsonObject stats = r.getJsonObject("statistics");
        List<String> errors = r.getJsonArray("extraErrors").getValuesAs(JsonString::getString);

        row.calls(EXTRA_CALLERS + number(r, "recoveryCalls"), number(r, "extraFailed") + r.getJsonArray("recoveryErrors").size())
                .slowest(number(r, "extraMaxMillis"), POOL_WAIT_MILLIS)
                .connections(qdrant.openConnections(), LOAD_POOL_MAX)
                .handles(number(stats, "handlesOpen"))
                .other("refused callers waited " + number(r, "extraMinMillis") + "-" + number(r, "extraMaxMillis")
                        + " ms (wait time " + POOL_WAIT_MILLIS + " ms)")
                .other("recovered " + number(r, "recovered") + "/" + number(r, "recoveryCalls"))
                .other("error: " + (errors.isEmpty() ? "-" : matching(errors.get(0), server.poolTimeoutMessage())));
        assertThat(number(r, "held")).as("handles held: %s", r).isEqualTo(LOAD_POOL_MAX);
        assertThat(number(r, "extraFailed")).as("callers beyond the pool maximum: %s", r).isEqualTo(EXTRA_CALLERS);
        assertThat(errors).allSatisfy(e -> assertThat(e).containsPattern(server.poolTimeoutMessage()));
        assertThat(number(r, "extraMaxMillis")).isLessThanOrEqualTo(Bounds.WAIT);
        assertThat(number(r, "recovered")).as("calls after the holders closed their handles: %s", r)
                .isEqualTo(number(r, "recoveryCalls"));
        assertThat(number(r, "stuckThreads")).isZero();
        assertThat(number(stats, "handlesOpen")).isZero();
        assertThat(qdrant.openConnections()).isLessThanOrEqualTo(LOAD_POOL_MAX);
        row.passed();
    }

    /** 6: requests Qdrant rejects (bad argument, missing collection) reach the caller and keep every connection. */
    void rejectedRequestsKeepEveryConnection() {
        FaultReport.Row row = server.report().row("6. " + REJECTED + " requests Qdrant rejects");
        QdrantEmulator qdrant = FaultQdrants.plain();
        Probes.object(Http.postJson(probes.api("probe/rejected?n=400&parallel=" + LOAD_POOL_MAX + "&pool="
                + server.jndi(FaultNames.LOAD)), ""));
        JsonObject before = probes.stats(FaultNames.LOAD);
        int openBefore = qdrant.openConnections();
        long acceptedBefore = qdrant.totalConnections();

        JsonObject r = Probes.object(Http.postJson(probes.api("probe/rejected?n=" + REJECTED + "&parallel=" + LOAD_POOL_MAX
                + "&pool=" + server.jndi(FaultNames.LOAD)), ""));
        JsonObject after = probes.stats(FaultNames.LOAD);
        JsonObject outcomes = r.getJsonObject("outcomes");

        row.calls(REJECTED, number(outcomes, "INVALID_ARGUMENT") + number(outcomes, "NOT_FOUND"))
                .connections(qdrant.openConnections(), LOAD_POOL_MAX)
                .handles(number(after, "handlesOpen"))
                .other("outcomes " + outcomes + " in " + number(r, "millis") + " ms")
                .other("physicalDestroyed " + number(before, "physicalDestroyed") + " -> " + number(after, "physicalDestroyed"))
                .other("connections at Qdrant " + openBefore + " -> " + qdrant.openConnections()
                        + ", accepted since: " + (qdrant.totalConnections() - acceptedBefore))
                .other("examples: " + r.get("examples"));
        assertThat(outcomes).as("outcomes: %s", r).containsOnlyKeys("INVALID_ARGUMENT", "NOT_FOUND");
        assertThat(number(outcomes, "INVALID_ARGUMENT")).isEqualTo(REJECTED / 2);
        assertThat(number(outcomes, "NOT_FOUND")).isEqualTo(REJECTED / 2);
        assertThat(number(after, "physicalDestroyed")).isEqualTo(number(before, "physicalDestroyed"));
        assertThat(number(after, "connectionErrors")).isEqualTo(number(before, "connectionErrors"));
        assertThat(qdrant.openConnections()).isEqualTo(openBefore);
        assertThat(qdrant.totalConnections()).as("connections accepted during the rejected requests").isEqualTo(acceptedBefore);
        assertThat(number(after, "handlesOpen")).isZero();
        row.passed();
    }
}
