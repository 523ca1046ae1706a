package io.github.qdrantjca.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.it.app.ProbePools;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What must hold in every server that runs {@code qdrant-rar.rar} with the test WAR (the sample
 * application plus {@code io.github.qdrantjca.it.app}). A server module extends it, deploys, and
 * tells where the application and its health endpoints are. Connections are counted at the
 * emulator. The Qdrant outage test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class AdapterInServerTests {

    /** Version a Qdrant health reply carries: the emulator imitates 1.18.0. */
    protected static final String VERSION_PATTERN = "\\d+\\.\\d+\\.\\d+.*";

    /** Base URI of the test WAR, ending with {@code /}. */
    protected abstract URI application();

    /** Base URI of the MicroProfile Health endpoints, ending with {@code /} (e.g. {@code .../health/}). */
    protected abstract URI health();

    /** JNDI name of the test pool of at most {@link ProbePools#BOUNDED_MAX} connections. */
    protected abstract String boundedPool();

    /** JNDI name of the test pool of one connection, for the leak tests. */
    protected abstract String leakyPool();

    /** JNDI name of the pool behind the sample application's {@code java:comp/env/qdrant/Default}. */
    protected abstract String samplePool();

    /** {@code path} under the test WAR's REST API. */
    protected URI api(String path) {
        return application().resolve("api/" + path);
    }

    /** The adapter's counters of the pool at JNDI name {@code pool}. */
    protected Http.Reply statistics(String pool) {
        Http.Reply reply = Http.get(api("probe/statistics?name=" + pool));
        assertThat(reply.status()).as("statistics of %s: %s", pool, reply).isEqualTo(200);
        return reply;
    }

    @Test
    @Order(1)
    void injectedFactoryReachesQdrant() {
        long connectionsBefore = QdrantForServers.isEmulated() ? QdrantForServers.emulator().totalConnections() : 0;

        Http.Reply reply = Http.get(api("probe/injected"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.string("version")).matches(VERSION_PATTERN);
        assertThat(reply.string("via")).isEqualTo("@Resource");
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().totalConnections()).isGreaterThan(connectionsBefore);
        }
        Http.Reply stats = statistics(samplePool());
        assertThat(stats.number("physicalOpen")).isPositive();
        assertThat(stats.number("handlesOpen")).isZero();
    }

    @Test
    @Order(2)
    void jndiLookupReachesQdrant() {
        Http.Reply reply = Http.get(api("probe/lookup?name=" + boundedPool()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.string("version")).matches(VERSION_PATTERN);
        assertThat(reply.string("via")).isEqualTo("lookup " + boundedPool());
        Http.Reply stats = statistics(boundedPool());
        // one borrow opens one connection on WildFly; Payara's pool may open a second one on first use
        assertThat(stats.number("physicalOpen")).isBetween(1L, (long) ProbePools.BOUNDED_MAX);
        assertThat(stats.number("handlesOpen")).isZero();
    }

    @Test
    @Order(3)
    void sampleApplicationIndexesAndFindsDocumentsByMeaning() {
        Http.Reply indexed = Http.postJson(api("documents"), "["
                + "{\"id\":101,\"text\":\"Qdrant is a vector database for similarity search\"},"
                + "{\"id\":102,\"text\":\"The connection pool of the application server limits open connections\"},"
                + "{\"id\":103,\"text\":\"Bake the bread for forty minutes until golden\"}]");

        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);
        assertThat(indexed.number("indexed")).isEqualTo(3);
        assertThat(indexed.number("total")).isGreaterThanOrEqualTo(3);

        Http.Reply hits = Http.get(api("search?q=how+many+connections+does+the+pool+open&limit=2"));

        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        assertThat(hits.number("id")).as("best hit of %s", hits.body()).isEqualTo(102);
    }

    @Test
    @Order(4)
    void poolNeverOpensMoreConnectionsThanItsMaximum() throws Exception {
        QdrantEmulator emulator = QdrantForServers.emulator();
        long boundedOpenBefore = statistics(boundedPool()).number("physicalOpen");
        int otherOpen = emulator.openConnections() - (int) boundedOpenBefore;
        emulator.resetMaxOpenConnections();
        emulator.latency(Duration.ofMillis(300));
        int requests = 12;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> Http.get(api("probe/lookup?name=" + boundedPool())), clients));
            }
            for (CompletableFuture<Http.Reply> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(200);
            }
        } finally {
            emulator.latency(Duration.ZERO);
            clients.shutdownNow();
        }

        assertThat(emulator.maxOpenConnections() - otherOpen)
                .as("connections open at once for a pool of %d", ProbePools.BOUNDED_MAX)
                .isLessThanOrEqualTo(ProbePools.BOUNDED_MAX);
        Http.Reply stats = statistics(boundedPool());
        assertThat(stats.number("physicalOpen")).isEqualTo(ProbePools.BOUNDED_MAX);
        assertThat(stats.number("physicalOpenPeak")).as("the most connections the pool had open at once, by its own count")
                .isEqualTo(ProbePools.BOUNDED_MAX);
        assertThat(stats.number("handlesOpen")).isZero();
    }

    @Test
    @Order(5)
    void cdiManagedHandlesAreClosedWhenTheRequestEnds() {
        Http.Reply before = Http.get(api("probe/producer"));
        long openedBefore = before.number("opened");
        long closedBefore = before.number("closed");

        for (int i = 0; i < 5; i++) {
            Http.Reply reply = Http.get(api("probe/managed"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.bool("handleClosed")).isFalse();
        }

        Http.Reply after = Http.get(api("probe/producer"));
        assertThat(after.number("opened") - openedBefore).isEqualTo(5);
        assertThat(after.number("closed") - closedBefore).isEqualTo(5);
        assertThat(statistics(samplePool()).number("handlesOpen")).isZero();
    }

    @Test
    @Order(100)
    void readinessFollowsQdrantDownAndUpAgainWhileLivenessStaysUp() throws Exception {
        QdrantEmulator emulator = QdrantForServers.emulator();
        Http.Reply ready = Http.get(health().resolve("ready"));
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).contains("\"qdrant\"").contains("\"UP\"").contains("\"version\"");

        emulator.stop();
        try {
            Http.Reply down = await("readiness DOWN after Qdrant stopped")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Http.get(health().resolve("ready")), r -> r.status() == 503);
            assertThat(down.body()).contains("\"DOWN\"").contains("\"error\"");
            Http.Reply live = Http.get(health().resolve("live"));
            assertThat(live.status()).as(live.toString()).isEqualTo(200);
            assertThat(live.body()).contains("\"UP\"");
        } finally {
            emulator.restart();
        }

        Http.Reply up = await("readiness UP after Qdrant restarted")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(health().resolve("ready")), r -> r.status() == 200);
        assertThat(up.body()).contains("\"UP\"").contains("\"version\"");
    }
}
