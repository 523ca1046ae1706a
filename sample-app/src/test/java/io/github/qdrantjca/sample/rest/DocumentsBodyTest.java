package io.github.qdrantjca.sample.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.qdrantjca.sample.documents.Document;
import io.github.qdrantjca.sample.documents.InvalidRequestException;
import io.github.qdrantjca.sample.documents.Limits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentsBodyTest {

    private static final String JSON = "application/json";

    @Test
    void readsAnArrayOfDocuments() {
        List<Document> documents = read(JSON, "[{\"id\":1,\"text\":\"a cat\"},{\"text\":\"é dog\",\"id\":2}]");

        assertThat(documents).extracting(Document::getId).containsExactly(1L, 2L);
        assertThat(documents).extracting(Document::getText).containsExactly("a cat", "é dog");
    }

    @Test
    void acceptsJsonWithUtf8Charset() {
        assertThat(read("application/json; charset=UTF-8", "[{\"id\":0,\"text\":\"x\"}]")).hasSize(1);
    }

    @Test
    void missingContentTypeIs415() {
        assertRejected(null, "[]", 415, "Content-Type header is missing", "application/json");
    }

    @Test
    void wrongContentTypeIs415() {
        assertRejected("text/plain", "[]", 415, "'text/plain' is not supported", "application/json");
    }

    @Test
    void otherCharsetThanUtf8Is415() {
        assertRejected("application/json; charset=ISO-8859-1", "[]", 415, "charset 'ISO-8859-1'", "UTF-8");
    }

    @Test
    void emptyBodyIs400() {
        assertRejected(JSON, "", 400, "The body is empty", "JSON array");
        assertRejected(JSON, "  \n", 400, "The body is empty", "JSON array");
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        assertRejected(JSON, "[{\"id\":1,\"text\":\"x\"", 400, "not valid JSON at line 1", "JSON array");
        assertRejected(JSON, "[{id:1}]", 400, "not valid JSON at line 1, column", "e.g. [{\"id\"");
    }

    @Test
    void bodyThatIsNoArrayIs400() {
        assertRejected(JSON, "{\"id\":1,\"text\":\"x\"}", 400, "The body is an object, not an array", "JSON array");
        assertRejected(JSON, "\"text\"", 400, "The body is the string \"text\", not an array", "JSON array");
    }

    @Test
    void emptyArrayIs400() {
        assertRejected(JSON, "[]", 400, "The array is empty", "at least one document");
    }

    @Test
    void elementThatIsNoObjectIs400() {
        assertRejected(JSON, "[42]", 400, "Document [0] is the number 42", "{\"id\": 1, \"text\": \"...\"}");
    }

    @Test
    void missingOrNullIdIs400() {
        assertRejected(JSON, "[{\"text\":\"x\"}]", 400, "Document [0] has no \"id\"", "whole number from 0");
        assertRejected(JSON, "[{\"id\":null,\"text\":\"x\"}]", 400, "Document [0] has no \"id\"", "whole number");
    }

    @Test
    void idOfTheWrongTypeOrRangeIs400() {
        assertRejected(JSON, "[{\"id\":\"abc\",\"text\":\"x\"}]", 400, "\"id\" is the string \"abc\"", "whole number");
        assertRejected(JSON, "[{\"id\":1.5,\"text\":\"x\"}]", 400, "\"id\" is 1.5", "whole number");
        assertRejected(JSON, "[{\"id\":-1,\"text\":\"x\"}]", 400, "\"id\" is -1", "from 0 to 9223372036854775807");
        assertRejected(JSON, "[{\"id\":9223372036854775808,\"text\":\"x\"}]", 400, "\"id\" is 9223372036854775808",
                "9223372036854775807");
        assertRejected(JSON, "[{\"id\":true,\"text\":\"x\"}]", 400, "\"id\" is the boolean true", "whole number");
    }

    @Test
    void duplicateIdsAre400() {
        assertRejected(JSON, "[{\"id\":7,\"text\":\"a\"},{\"id\":7,\"text\":\"b\"}]", 400,
                "Documents [0] and [1] both have id 7", "its own id");
    }

    @Test
    void missingEmptyOrWronglyTypedTextIs400() {
        assertRejected(JSON, "[{\"id\":3}]", 400, "Document [0] (id 3) has no \"text\"", "at most 2000 characters");
        assertRejected(JSON, "[{\"id\":3,\"text\":\" \"}]", 400, "(id 3): \"text\" is empty", "send some words");
        assertRejected(JSON, "[{\"id\":3,\"text\":12}]", 400, "\"text\" is the number 12", "must be a string");
        assertRejected(JSON, "[{\"id\":3,\"text\":\"?!\"}]", 400, "has no letter or digit", "send some words");
    }

    @Test
    void unknownFieldIs400() {
        assertRejected(JSON, "[{\"id\":3,\"txt\":\"x\"}]", 400, "unknown field \"txt\"", "exactly \"id\" and \"text\"");
    }

    @Test
    void textOverTheLimitIs413() {
        String text = "a".repeat(Limits.MAX_TEXT_CHARS + 1);
        assertRejected(JSON, "[{\"id\":4,\"text\":\"" + text + "\"}]", 413, "(id 4): \"text\" has 2001 characters",
                "at most 2000");
    }

    @Test
    void textAtTheLimitIsAccepted() {
        String text = "é".repeat(Limits.MAX_TEXT_CHARS);
        assertThat(read(JSON, "[{\"id\":4,\"text\":\"" + text + "\"}]").get(0).getText()).hasSize(Limits.MAX_TEXT_CHARS);
    }

    @Test
    void tooManyDocumentsAre413() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i <= Limits.MAX_DOCUMENTS; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"text\":\"t\"}");
        }
        assertRejected(JSON, json.append("]").toString(), 413, "101 documents in one request", "at most 100");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String json = "[{\"id\":1,\"text\":\"" + "a".repeat(Limits.MAX_BODY_BYTES) + "\"}]";
        assertRejected(JSON, json, 413, "larger than 1048576 bytes", "at most 100 documents");
    }

    @Test
    void bytesThatAreNotUtf8Are400WithTheirOffset() {
        byte[] prefix = "[{\"id\":1,\"text\":\"caf".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xE9; // 'é' in ISO-8859-1
        body[prefix.length + 1] = '"';
        body[prefix.length + 2] = '}';
        body[prefix.length + 3] = ']';

        InvalidRequestException e = catchThrowableOfType(
                () -> DocumentsBody.read(JSON, new ByteArrayInputStream(body)), InvalidRequestException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("not valid UTF-8 (byte 0xE9 at offset " + prefix.length + ")")
                .contains("encoded as UTF-8");
    }

    private static List<Document> read(String contentType, String body) {
        return DocumentsBody.read(contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRejected(String contentType, String body, int status, String what, String fix) {
        InvalidRequestException e = catchThrowableOfType(() -> read(contentType, body), InvalidRequestException.class);
        assertThat(e).as("rejection of %s", body.length() > 80 ? body.substring(0, 80) : body).isNotNull();
        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.getMessage()).contains(what).contains(fix);
    }
}
