package io.github.qdrantjca.sample.rest;

import static io.github.qdrantjca.sample.documents.InvalidRequestException.TOO_LARGE;
import static io.github.qdrantjca.sample.documents.InvalidRequestException.UNSUPPORTED_MEDIA_TYPE;
import static io.github.qdrantjca.sample.documents.InvalidRequestException.badRequest;

import io.github.qdrantjca.sample.documents.Document;
import io.github.qdrantjca.sample.documents.InvalidRequestException;
import io.github.qdrantjca.sample.documents.Limits;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/documents}: {@code [{"id": 1, "text": "..."}, ...]}, JSON in
 * UTF-8. Every way the body can be wrong ends in an {@link InvalidRequestException} whose message
 * names what was wrong and what to send instead; checked in the order a client would fix them:
 * Content-Type, size, encoding, JSON syntax, shape, each document.
 */
final class DocumentsBody {

    static final String EXAMPLE = "[{\"id\": 1, \"text\": \"Qdrant is a vector database\"}]";
    private static final Set<String> FIELDS = Set.of("id", "text");
    private static final BigInteger MAX_ID = BigInteger.valueOf(Long.MAX_VALUE);
    private static final long MAX_DRAINED_BYTES = 32L * 1024 * 1024;

    private DocumentsBody() {}

    /** The documents in {@code body}, sent with the header {@code contentType} (may be null). */
    static List<Document> read(String contentType, InputStream body) {
        checkContentType(contentType);
        byte[] bytes = readAtMost(body, Limits.MAX_BODY_BYTES);
        String json = decodeUtf8(bytes);
        if (json.isBlank()) {
            throw badRequest("The body is empty: send a JSON array of documents, e.g. " + EXAMPLE);
        }
        return documents(parse(json));
    }

    static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new InvalidRequestException(UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type header is missing: send the documents as JSON with 'Content-Type: application/json'");
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new InvalidRequestException(UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType.trim()
                    + "' is not supported: send the documents as JSON with 'Content-Type: application/json'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2) {
                String charset = parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    throw new InvalidRequestException(UNSUPPORTED_MEDIA_TYPE, "charset '" + charset
                            + "' is not supported: send JSON encoded as UTF-8 ('Content-Type: application/json')");
                }
            }
        }
    }

    static byte[] readAtMost(InputStream body, int limit) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                drain(body);
                throw new InvalidRequestException(TOO_LARGE, "The body is larger than " + limit + " bytes: send at most "
                        + Limits.MAX_DOCUMENTS + " documents of at most " + Limits.MAX_TEXT_CHARS
                        + " characters each per request");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    /**
     * Reads and drops what the client still sends (up to {@value #MAX_DRAINED_BYTES} bytes), so that it reads the
     * 413 instead of a connection reset while it is still writing.
     */
    private static void drain(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        try {
            int n;
            while (drained < MAX_DRAINED_BYTES && (n = body.read(buffer)) > 0) {
                drained += n;
            }
        } catch (IOException e) {
            // the client or the server ended the body: nothing more to drop
        }
    }

    static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            throw badRequest("The body is not valid UTF-8 (byte 0x"
                    + String.format("%02X", bytes[offset] & 0xff) + " at offset " + offset
                    + "): send JSON encoded as UTF-8");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            throw badRequest("The body is not valid JSON" + where + " (" + e.getMessage() + "): send a JSON array"
                    + " of documents, e.g. " + EXAMPLE);
        } catch (JsonException e) {
            throw badRequest("The body is not valid JSON (" + e.getMessage() + "): send a JSON array of documents,"
                    + " e.g. " + EXAMPLE);
        }
    }

    private static List<Document> documents(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw badRequest("The body is " + describe(value) + ", not an array: send a JSON array of documents,"
                    + " e.g. " + EXAMPLE);
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty()) {
            throw badRequest("The array is empty: send at least one document, e.g. " + EXAMPLE);
        }
        if (array.size() > Limits.MAX_DOCUMENTS) {
            throw new InvalidRequestException(TOO_LARGE, array.size() + " documents in one request: send at most "
                    + Limits.MAX_DOCUMENTS + " per request");
        }
        List<Document> documents = new ArrayList<>(array.size());
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            Document document = document(i, array.get(i));
            Integer earlier = positions.putIfAbsent(document.getId(), i);
            if (earlier != null) {
                throw badRequest("Documents [" + earlier + "] and [" + i + "] both have id " + document.getId()
                        + ": give each document its own id");
            }
            documents.add(document);
        }
        return documents;
    }

    private static Document document(int index, JsonValue value) {
        String at = "Document [" + index + "]";
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badRequest(at + " is " + describe(value) + ": each document is an object {\"id\": 1, \"text\": \"...\"}");
        }
        JsonObject object = value.asJsonObject();
        for (String key : object.keySet()) {
            if (!FIELDS.contains(key)) {
                throw badRequest(at + " has an unknown field \"" + key + "\": a document has exactly \"id\" and \"text\"");
            }
        }
        long id = id(at, object.get("id"));
        at = at + " (id " + id + ")";
        String text = text(at, object.get("text"));
        return new Document(id, text);
    }

    private static long id(String at, JsonValue value) {
        String rule = "a whole number from 0 to " + Long.MAX_VALUE;
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw badRequest(at + " has no \"id\": give each document an id, " + rule);
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw badRequest(at + ": \"id\" is " + describe(value) + "; it must be " + rule);
        }
        BigDecimal number = ((JsonNumber) value).bigDecimalValue();
        BigInteger integer;
        try {
            integer = number.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw badRequest(at + ": \"id\" is " + number + "; it must be " + rule);
        }
        if (integer.signum() < 0 || integer.compareTo(MAX_ID) > 0) {
            throw badRequest(at + ": \"id\" is " + integer + "; it must be " + rule);
        }
        return integer.longValueExact();
    }

    private static String text(String at, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw badRequest(at + " has no \"text\": give each document a text of at most " + Limits.MAX_TEXT_CHARS
                    + " characters");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw badRequest(at + ": \"text\" is " + describe(value) + "; it must be a string");
        }
        String text = ((JsonString) value).getString();
        checkText(at + ": \"text\"", text, Limits.MAX_TEXT_CHARS, TOO_LARGE);
        return text;
    }

    /**
     * Checks a text the sample embeds: not blank, with at least one letter or digit, at most
     * {@code maxChars} characters (else {@code tooLongStatus}).
     */
    static void checkText(String what, String text, int maxChars, int tooLongStatus) {
        if (text.isBlank()) {
            throw badRequest(what + " is empty: send some words");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw new InvalidRequestException(tooLongStatus, what + " has " + length + " characters: at most "
                    + maxChars + " are accepted");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw badRequest(what + " has no letter or digit: send some words");
        }
    }

    private static String describe(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return "the string " + value;
            case NUMBER:
                return "the number " + value;
            case TRUE:
            case FALSE:
                return "the boolean " + value;
            case NULL:
                return "null";
            case OBJECT:
                return "an object";
            default:
                return "an array";
        }
    }
}
