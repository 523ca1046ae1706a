package io.github.qdrantjca.adapter.api;

import io.qdrant.client.QdrantClient;
import jakarta.resource.cci.ConnectionMetaData;

/**
 * A short-lived handle on one pooled connection to Qdrant. Close it (try-with-resources) to
 * return the connection to the pool. After {@link #close()}, or after the container reclaimed
 * the handle, every use fails at once with an {@link IllegalStateException}.
 */
public interface QdrantConnection extends AutoCloseable {

    /**
     * The official Qdrant client, scoped to this handle: every operation of {@link QdrantClient}
     * is available, and each call is checked against this handle's state. Do not keep it beyond
     * the handle: once the handle is closed, its calls fail with {@link IllegalStateException}.
     * Closing this client closes nothing physical.
     */
    QdrantClient client();

    /**
     * The product ("Qdrant") and the version the server reported when this connection was opened.
     *
     * @throws IllegalStateException when the handle is closed
     */
    ConnectionMetaData metaData();

    /** Whether this handle has been closed by the application or released by the container. */
    boolean isClosed();

    /** Returns the connection to the pool. Idempotent: a second call does nothing. */
    @Override
    void close();
}
