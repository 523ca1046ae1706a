package io.github.qdrantjca.sample.rest;

import io.github.qdrantjca.sample.documents.SearchHit;
import io.github.qdrantjca.sample.documents.SearchService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/search?q=...&limit=5}: documents closest in meaning to {@code q}, best first; an
 * empty list before anything was indexed. The parameters are taken as strings and checked here
 * ({@link SearchParameters}), so that a bad one is answered 400 with what to fix rather than the
 * framework's 404 for an unconvertible {@code int}.
 */
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;

    /** The hits for {@code q}. */
    @GET
    public List<SearchHit> search(@QueryParam("q") @Encoded String q, @QueryParam("limit") @Encoded String limit) {
        SearchParameters parameters = SearchParameters.of(q, limit);
        return search.search(parameters.query(), parameters.limit());
    }
}
