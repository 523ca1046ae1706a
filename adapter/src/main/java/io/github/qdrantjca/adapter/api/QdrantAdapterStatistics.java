package io.github.qdrantjca.adapter.api;

/**
 * Counters an operator can read, for one managed connection factory (one pool).
 *
 * @param physicalCreated physical connections (gRPC channels) opened so far
 * @param physicalDestroyed physical connections closed so far
 * @param physicalOpen physical connections open now
 * @param physicalOpenPeak the most physical connections that were open at once since the pool was made (a
 *     channel counts as open from the moment it is built until it has terminated)
 * @param handlesOpen application handles open now
 * @param connectionErrors connection-fatal errors reported to the container
 * @param validationsFailed connections found invalid by validation
 */
public record QdrantAdapterStatistics(
        long physicalCreated,
        long physicalDestroyed,
        long physicalOpen,
        long physicalOpenPeak,
        long handlesOpen,
        long connectionErrors,
        long validationsFailed) {}
