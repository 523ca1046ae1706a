package io.github.qdrantjca.adapter.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/**
 * What applications inject ({@code @Resource}) or look up in JNDI: hands out short-lived
 * {@link QdrantConnection} handles from the container's pool.
 *
 * <pre>{@code
 * @Resource(lookup = "java:app/qdrant/Default") QdrantConnectionFactory qdrant;
 *
 * try (QdrantConnection c = qdrant.getConnection()) {
 *     List<ScoredPoint> hits = c.client().searchAsync(request).get();
 * }
 * }</pre>
 */
public interface QdrantConnectionFactory extends Serializable, Referenceable {

    /**
     * Borrows a connection with the pool's configured credentials.
     *
     * @throws ResourceException when the pool cannot supply one in time, or a new physical
     *     connection to Qdrant cannot be opened
     */
    QdrantConnection getConnection() throws ResourceException;

    /**
     * Borrows a connection opened with the given per-request settings (for example an API key).
     * Connections opened with different settings are never shared.
     */
    QdrantConnection getConnection(QdrantConnectionSpec spec) throws ResourceException;

    /** A snapshot of the adapter's counters for the pool behind this factory. */
    QdrantAdapterStatistics statistics();
}
