package io.github.qdrantjca.emulator.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Request validation the way Qdrant's validators word it; all errors of a request are collected and reported in
 * one {@code INVALID_ARGUMENT "Validation error in body: [field: message; ...]"}.
 */
final class Validation {

    private static final String FORBIDDEN = "<>:\"/\\|?*\u0000\u001f";

    private final List<String> errors = new ArrayList<>();

    /** Collection (or alias) names: 1 to 255 characters, none of {@code < > : " / \ | ? *}, NUL or 0x1F. */
    Validation name(String field, String name) {
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > 255) {
            errors.add(field + ": value " + quote(name) + " invalid, must be from 1 to 255 characters");
        }
        for (char c : FORBIDDEN.toCharArray()) {
            if (name.indexOf(c) >= 0) {
                errors.add(field + ": collection name cannot contain \"" + c + "\" char");
                break;
            }
        }
        return this;
    }

    /** A number that must be at least {@code min}. */
    Validation atLeast(String field, long value, long min) {
        if (value < min) {
            errors.add(field + ": value " + value + " invalid, must be " + min + " or larger");
        }
        return this;
    }

    /** A number within {@code [min, max]}. */
    Validation range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            errors.add(field + ": value " + value + " invalid, must be from " + min + " to " + max);
        }
        return this;
    }

    /** An error that does not fit the shapes above. */
    Validation error(String field, String message) {
        errors.add(field + ": " + message);
        return this;
    }

    /** Throws the collected errors, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw QdrantErrors.validation(String.join("; ", errors));
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\u0000':
                    b.append("\\u0000");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
