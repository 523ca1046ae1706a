package io.github.qdrantjca.faults.support;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** How the report quotes errors, messages and counts. */
final class Texts {

    private Texts() {}

    /** The message of a cause chain that matches {@code pattern}, else {@link #shorten}. */
    static String matching(String error, Pattern pattern) {
        for (String m : error.split(" <- ")) {
            if (pattern.matcher(m).find()) {
                return abbreviate(m, 240);
            }
        }
        return shorten(error);
    }

    /** {@link #informative} of a cause chain, at most 240 characters. */
    static String shorten(String error) {
        return abbreviate(informative(error), 240);
    }

    /**
     * The message of a cause chain ({@code a <- b <- c}) a person can act on: the adapter's own
     * (it starts with "Qdrant"), else the first. Servers wrap it in their own exceptions.
     */
    static String informative(String error) {
        if (error == null) {
            return "-";
        }
        String[] messages = error.split(" <- ");
        for (String m : messages) {
            if (m.contains(": Qdrant ") || m.contains("Invalid Qdrant")) {
                return m;
            }
        }
        return messages[0];
    }

    /** The part of {@code text} around {@code needle} (or its start), at most {@code max} characters. */
    static String around(String text, String needle, int max) {
        int at = text.indexOf(needle);
        if (at < 0 || text.length() <= max) {
            return abbreviate(text, max);
        }
        int from = Math.max(0, at - max / 2);
        int to = Math.min(text.length(), from + max);
        return (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
    }

    /** Errors and their counts, grouped by their shortened message with the details of gRPC stripped. */
    static String errors(JsonValue errors) {
        if (!(errors instanceof JsonObject map) || map.isEmpty()) {
            return "none";
        }
        Map<String, Long> grouped = new LinkedHashMap<>();
        map.forEach((k, v) -> grouped.merge(shorten(k).replaceAll("after [0-9.]+s\\..*", "...")
                .replaceAll("[0-9a-f]{24,}", "..."), ((JsonNumber) v).longValue(), Long::sum));
        StringBuilder text = new StringBuilder();
        grouped.forEach((k, v) -> text.append(text.length() == 0 ? "" : " / ").append(v).append(" x ").append(k));
        return text.toString();
    }

    /** Thread names (digits as #) whose count changed between two {@code probe/threads} answers. */
    static String threadDiff(JsonObject before, JsonObject after) {
        JsonObject a = before.getJsonObject("byName");
        JsonObject b = after.getJsonObject("byName");
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            long x = a.containsKey(name) ? a.getJsonNumber(name).longValue() : 0;
            long y = b.containsKey(name) ? b.getJsonNumber(name).longValue() : 0;
            if (x != y) {
                text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(x).append("->").append(y);
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    /** Occurrences of {@code needle} in {@code text}. */
    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** {@code s} cut to {@code max} characters, with "..." when cut. */
    static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
