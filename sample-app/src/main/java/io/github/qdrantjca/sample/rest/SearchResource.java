package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.documents.SearchHit;
import io.github.qdrantjca.sample.documents.SearchService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/search?q=...&limit=5}: documents closest in meaning to {@code q}, best first. */
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;

    /** The hits for {@code q}. */
    @GET
    public List<SearchHit> search(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("5") int limit) {
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("query parameter q is required, e.g. /api/search?q=vector+database");
        }
        return search.search(q, limit);
    }
}
