package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.Set;

/**
 * One brute-force search, as {@link QueryEngine} plans it and {@link CollectionData#search} runs it: which vector,
 * the query (or a custom scorer), filter, paging, threshold, output selectors and ids to leave out.
 */
final class SearchSpec {

    /**
     * Scores one stored vector for a custom query (recommend strategies, discovery); larger is better, reported as
     * is. Called from several threads at once on a large collection: it must only read.
     */
    interface Scorer {
        float score(VectorSpace space, int slot);
    }

    String using = "";
    float[] query;
    /** A query of any kind (float[], float[][] or sparse), checked against the space when the search runs. */
    Object any;
    Scorer scorer;
    Filter filter;
    long limit = 10;
    long offset;
    Float scoreThreshold;
    WithPayloadSelector withPayload;
    WithVectorsSelector withVectors;
    Set<PointId> exclude;
    /** When set, only these points are candidates (a query re-scoring the results of its prefetches). */
    Set<PointId> only;
}
