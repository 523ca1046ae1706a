package io.github.qdrantjca.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.TestArchives;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample EAR, unchanged, on WildFly: the adapter inside it is found as "#qdrant-rar", and the
 * sample's health checks (in the EAR's {@code lib/}) are registered once and follow Qdrant. The
 * Qdrant outage test runs last.
 */
@ExtendWith({QdrantForServers.class, WildFlyServer.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyEarIT {

    /** The sample's readiness check ({@code QdrantReadinessCheck}) and liveness check ({@code ApplicationLivenessCheck}). */
    private static final String READINESS_CHECK = "qdrant";
    private static final String LIVENESS_CHECK = "sample-app";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return TestArchives.ear();
    }

    private static URI api(String path) {
        return WildFlyServer.http().resolve("qdrant-sample-app/api/" + path);
    }

    private static Http.Reply health(String probe) {
        return Http.get(WildFlyServer.management().resolve("health/" + probe));
    }

    /** The checks called {@code name} in a health answer. */
    private static List<JsonObject> checks(Http.Reply health, String name) {
        return health.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name", null)))
                .toList();
    }

    /** The status of the one check called {@code name}, failing when there is none or more than one. */
    private static String status(Http.Reply health, String name) {
        List<JsonObject> found = checks(health, name);
        assertThat(found).as("checks named \"%s\" in %s", name, health).hasSize(1);
        return found.get(0).getString("status");
    }

    private static JsonObject data(Http.Reply health, String name) {
        return checks(health, name).get(0).getJsonObject("data");
    }

    @Test
    @Order(1)
    void earRegistersTheSampleHealthChecksOnceAndIsReady() {
        // the first connection to Qdrant may take a few seconds on a loaded machine: wait for readiness, as a client would
        Http.Reply ready = await("EAR readiness UP")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> health("ready"), reply -> reply.status() == 200);
        Http.Reply live = health("live");

        assertThat(status(ready, READINESS_CHECK)).isEqualTo("UP");
        assertThat(data(ready, READINESS_CHECK).getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(data(ready, READINESS_CHECK).getJsonNumber("physicalOpen").longValue()).isPositive();
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        assertThat(status(live, LIVENESS_CHECK)).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void earIndexesAndSearchesThroughItsEmbeddedAdapter() {
        Http.Reply indexed = Http.postJson(api("documents"), "["
                + "{\"id\":201,\"text\":\"An EAR bundles the resource adapter with the application\"},"
                + "{\"id\":202,\"text\":\"Tomatoes need sun and water\"}]");

        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);
        assertThat(indexed.number("indexed")).isEqualTo(2);

        Http.Reply hits = Http.get(api("search?q=resource+adapter+inside+the+application&limit=1"));

        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        assertThat(hits.number("id")).isEqualTo(201);
        Http.Reply statistics = Http.get(api("statistics"));
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.number("physicalOpen")).isPositive();
        assertThat(statistics.number("handlesOpen")).isZero();
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().openConnections()).isPositive();
        }
    }

    @Test
    @Order(100)
    void earReadinessGoesDownWhileQdrantIsStoppedAndUpWhenItReturns() throws Exception {
        QdrantEmulator emulator = QdrantForServers.emulator();
        assertThat(status(health("ready"), READINESS_CHECK)).isEqualTo("UP");

        emulator.stop();
        try {
            Http.Reply down = await("EAR readiness DOWN after Qdrant stopped")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> health("ready"), reply -> reply.status() == 503);
            assertThat(status(down, READINESS_CHECK)).as(down.toString()).isEqualTo("DOWN");
            assertThat(data(down, READINESS_CHECK).get("error")).isNotNull().isNotEqualTo(JsonValue.NULL);
            Http.Reply live = health("live");
            assertThat(live.status()).as("liveness does not depend on Qdrant: %s", live).isEqualTo(200);
            assertThat(status(live, LIVENESS_CHECK)).isEqualTo("UP");
        } finally {
            emulator.restart();
        }

        Http.Reply up = await("EAR readiness UP after Qdrant restarted")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> health("ready"), reply -> reply.status() == 200);
        assertThat(status(up, READINESS_CHECK)).isEqualTo("UP");
        assertThat(data(up, READINESS_CHECK).getString("version")).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
