package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.documents.Document;
import io.github.qdrantjca.sample.documents.DocumentIndex;
import io.github.qdrantjca.sample.embedding.Embedder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/documents} indexes a JSON array of documents; {@code GET} counts them and names the
 * embedder. The body is read as bytes and checked by {@link DocumentsBody} (not bound by the
 * framework), so that every mistake in it gets the same JSON answer on every server.
 */
@Path("documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    @Inject
    DocumentIndex index;

    @Inject
    Embedder embedder;

    /** Indexes {@code [{"id":1,"text":"..."}, ...]}; answers {@code {"indexed":n,"total":m}}. */
    @POST
    public Map<String, Object> add(@Context HttpHeaders headers, InputStream body) {
        List<Document> documents = DocumentsBody.read(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        long total = index.index(documents);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("indexed", documents.size());
        answer.put("total", total);
        return answer;
    }

    /** {@code {"total":m,"embedder":"...","dimensions":d}}: the number of indexed documents, and how texts are embedded. */
    @GET
    public Map<String, Object> count() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", index.count());
        answer.put("embedder", embedder.name());
        answer.put("dimensions", embedder.dimensions());
        return answer;
    }
}
