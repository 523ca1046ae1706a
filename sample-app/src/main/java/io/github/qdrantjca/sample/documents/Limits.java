package io.github.qdrantjca.sample.documents;

/** The documented limits of the sample's HTTP API (README, "The sample application"). */
public final class Limits {

    /** Most characters of one document's text; more is answered 413. */
    public static final int MAX_TEXT_CHARS = 2_000;

    /** Most documents in one {@code POST /api/documents}; more is answered 413. */
    public static final int MAX_DOCUMENTS = 100;

    /** Most bytes of one request body; more is answered 413. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Most characters of a search query {@code q}. */
    public static final int MAX_QUERY_CHARS = 500;

    /** Most hits one search returns ({@code limit}). */
    public static final int MAX_LIMIT = 100;

    /** Hits a search returns when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 5;

    private Limits() {}
}
