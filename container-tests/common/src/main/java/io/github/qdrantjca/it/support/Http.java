package io.github.qdrantjca.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for tests, with a deadline on every request. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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

    /** Status and body of an answer, with tiny JSON readers for flat objects. */
    public record Reply(int status, String body) {

        /** The number at {@code "key": 12} in the body. */
        public long number(String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?\\d+)").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no number \"" + key + "\" in " + body);
            }
            return Long.parseLong(m.group(1));
        }

        /** The string at {@code "key": "value"} in the body. */
        public String string(String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no string \"" + key + "\" in " + body);
            }
            return m.group(1);
        }

        /** The boolean at {@code "key": true} in the body. */
        public boolean bool(String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(true|false)").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no boolean \"" + key + "\" in " + body);
            }
            return Boolean.parseBoolean(m.group(1));
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
