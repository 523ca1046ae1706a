package io.github.qdrantjca.faults.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.it.support.Http;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The fault-suite WAR's REST API as the scenarios call it (load workers, probes, readiness), and its JSON. */
final class Probes {

    private final FaultServer server;

    Probes(FaultServer server) {
        this.server = server;
    }

    /** {@code path} under the fault-suite WAR's REST API. */
    URI api(String path) {
        return server.application().resolve("api/" + path);
    }

    /** Starts {@code workers} load workers on the pool called {@code pool}. */
    void startLoad(String pool, int workers) {
        JsonObject r = object(Http.postJson(api("load/start?workers=" + workers + "&pool=" + server.jndi(pool)), ""));
        assertThat(number(r, "workers")).isEqualTo(workers);
    }

    /** Marks the moment Qdrant is back: the load's recovery figures count from here. */
    void markLoad() {
        object(Http.postJson(api("load/mark"), ""));
    }

    /** Stops the load; its report. */
    JsonObject stopLoad() {
        return object(Http.postJson(api("load/stop"), ""));
    }

    /** The load's report once {@code condition} holds (within {@link Bounds#RECOVERY}). */
    JsonObject awaitLoad(String what, Predicate<JsonObject> condition) {
        return await(what).atMost(Bounds.RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> object(Http.get(api("load/report"))), condition);
    }

    /** The adapter's counters of the pool called {@code pool}. */
    JsonObject stats(String pool) {
        return object(Http.get(api("probe/stats?pool=" + server.jndi(pool))));
    }

    /** One timed health call through the pool called {@code pool}. */
    JsonObject once(String pool) {
        return object(Http.get(api("probe/once?pool=" + server.jndi(pool))));
    }

    /** The server's threads. */
    JsonObject threads() {
        return object(Http.get(api("probe/threads")));
    }

    /** MicroProfile Health's readiness. */
    Http.Reply readiness() {
        return Http.get(server.health().resolve("ready"));
    }

    /** The JSON object of a 200 reply; fails with the reply otherwise. */
    static JsonObject object(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }

    /** The whole number at {@code key}. */
    static long number(JsonObject object, String key) {
        if (!(object.get(key) instanceof JsonNumber n)) {
            throw new AssertionError("no number " + key + " in " + object);
        }
        return n.longValue();
    }

    /** Whether the probe's call worked ({@code "ok": true}); fails when the answer has no {@code ok}. */
    static boolean ok(JsonObject object) {
        if (!object.containsKey("ok")) {
            throw new AssertionError("no ok in " + object);
        }
        return object.getBoolean("ok");
    }

    /** The text at {@code key}: a string as is, null when absent or null, other values as JSON. */
    static String text(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** Milliseconds since {@code sinceNanos} ({@link System#nanoTime()}). */
    static long elapsed(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }
}
