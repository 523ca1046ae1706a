package io.github.qdrantjca.sample.rest;

import static io.github.qdrantjca.sample.documents.InvalidRequestException.badRequest;

import io.github.qdrantjca.sample.documents.InvalidRequestException;
import io.github.qdrantjca.sample.documents.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The query parameters of {@code GET /api/search}, checked: {@code q} (required, 1 to
 * {@value Limits#MAX_QUERY_CHARS} characters, UTF-8) and {@code limit} (1 to {@value Limits#MAX_LIMIT},
 * default {@value Limits#DEFAULT_LIMIT}). They arrive still percent-encoded, so that bytes that are
 * not UTF-8 are reported instead of silently replaced.
 */
record SearchParameters(String query, int limit) {

    static final String EXAMPLE = "/api/search?q=vector+database&limit=5";

    /** Checks and decodes the raw (percent-encoded) parameters; null when absent. */
    static SearchParameters of(String encodedQuery, String encodedLimit) {
        if (encodedQuery == null) {
            throw badRequest("The query parameter q is missing: say what to look for, e.g. " + EXAMPLE);
        }
        String query = decode("q", encodedQuery);
        DocumentsBody.checkText("The query parameter q", query, Limits.MAX_QUERY_CHARS, InvalidRequestException.BAD_REQUEST);
        return new SearchParameters(query, limit(encodedLimit));
    }

    private static int limit(String encoded) {
        if (encoded == null) {
            return Limits.DEFAULT_LIMIT;
        }
        String rule = "a whole number from 1 to " + Limits.MAX_LIMIT + " (or leave it out for " + Limits.DEFAULT_LIMIT + ")";
        String value = decode("limit", encoded).trim();
        if (value.isEmpty()) {
            throw badRequest("The query parameter limit is empty: give " + rule);
        }
        if (!value.matches("[+-]?\\d{1,9}")) {
            throw badRequest("The query parameter limit is '" + shorten(value) + "': give " + rule);
        }
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > Limits.MAX_LIMIT) {
            throw badRequest("The query parameter limit is " + limit + ": give " + rule);
        }
        return limit;
    }

    /** Percent-decodes {@code encoded} ({@code +} is a space) and decodes the bytes as strict UTF-8. */
    static String decode(String name, String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw badRequest("The query parameter " + name + " has a '%' that is not followed by two hex digits:"
                        + " percent-encode it as %25");
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw badRequest("The query parameter " + name + " is not valid UTF-8 once percent-decoded:"
                    + " encode the text as UTF-8 (e.g. 'é' is %C3%A9)");
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String shorten(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "...";
    }
}
