package io.github.qdrantjca.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests, with a deadline on every request. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * HTTP/1.1: by default the client asks plain-HTTP servers to upgrade to HTTP/2 (h2c); Payara 7 accepts, and
     * then closed a connection during a 38 s request (HTTP/1.1 is what the other servers speak to it anyway).
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {}

    /** GET {@code uri}. */
    public static Reply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    /** POST {@code json} to {@code uri}. */
    public static Reply postJson(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.uri(), e);
        }
    }

    /** Status and body of an answer, with readers of a JSON body. */
    public record Reply(int status, String body) {

        /** The body as a JSON object, or the first element of a JSON array (e.g. the best search hit). */
        public JsonObject json() {
            JsonStructure json;
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                json = reader.read();
            } catch (JsonException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
            if (json instanceof JsonArray array) {
                if (array.isEmpty() || !(array.get(0) instanceof JsonObject first)) {
                    throw new AssertionError("no JSON object in " + body);
                }
                return first;
            }
            return json.asJsonObject();
        }

        /** The whole number at {@code key} of {@link #json()}. */
        public long number(String key) {
            if (!(json().get(key) instanceof JsonNumber n)) {
                throw new AssertionError("no number \"" + key + "\" in " + body);
            }
            return n.longValueExact();
        }

        /** The string at {@code key} of {@link #json()}. */
        public String string(String key) {
            if (!(json().get(key) instanceof JsonString s)) {
                throw new AssertionError("no string \"" + key + "\" in " + body);
            }
            return s.getString();
        }

        /** The boolean at {@code key} of {@link #json()}. */
        public boolean bool(String key) {
            JsonValue v = json().get(key);
            if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                throw new AssertionError("no boolean \"" + key + "\" in " + body);
            }
            return v == JsonValue.TRUE;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
