package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.documents.Document;
import io.github.qdrantjca.sample.documents.DocumentIndex;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code POST /api/documents} indexes a JSON array of documents; {@code GET} counts them. */
@Path("documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    @Inject
    DocumentIndex index;

    /** Indexes {@code [{"id":1,"text":"..."}, ...]}; answers {@code {"indexed":n,"total":m}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Long> add(List<Document> documents) {
        if (documents == null || documents.isEmpty()) {
            throw new IllegalArgumentException("send a JSON array of {\"id\":1,\"text\":\"...\"}");
        }
        long total = index.index(documents);
        return Map.of("indexed", (long) documents.size(), "total", total);
    }

    /** {@code {"total":m}}: the number of indexed documents. */
    @GET
    public Map<String, Long> count() {
        return Map.of("total", index.count());
    }
}
