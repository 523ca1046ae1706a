package io.github.qdrantjca.adapter.api;

/**
 * Counters an operator can read, for one managed connection factory (one pool).
 *
 * @param physicalCreated physical connections (gRPC channels) opened so far
 * @param physicalDestroyed physical connections closed so far
 * @param physicalOpen physical connections open now
 * @param handlesOpen application handles open now
 * @param connectionErrors connection-fatal errors reported to the container
 * @param validationsFailed connections found invalid by validation
 */
public record QdrantAdapterStatistics(
        long physicalCreated,
        long physicalDestroyed,
        long physicalOpen,
        long handlesOpen,
        long connectionErrors,
        long validationsFailed) {}
