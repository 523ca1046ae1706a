package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RecommendPoints;
import io.qdrant.client.grpc.Points.RecommendStrategy;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns search and recommend requests into {@link SearchSpec}s: resolves example ids to
 * stored vectors, excludes referenced ids as Qdrant does, and applies the recommend strategies.
 */
final class QueryEngine {

    private final Storage storage;

    QueryEngine(Storage storage) {
        this.storage = storage;
    }

    List<ScoredPoint> search(SearchPoints request) {
        new Validation().name("collection_name", request.getCollectionName())
                .atLeast("limit", request.getLimit(), 1).check();
        if (request.hasSparseIndices()) {
            throw QdrantErrors.unsupported("sparse vectors");
        }
        CollectionData collection = storage.collection(request.getCollectionName());
        SearchSpec spec = new SearchSpec();
        spec.using = request.hasVectorName() ? request.getVectorName() : "";
        spec.query = VectorInputs.floats(request.getVectorList());
        spec.filter = request.hasFilter() ? request.getFilter() : null;
        spec.limit = request.getLimit();
        spec.offset = request.hasOffset() ? request.getOffset() : 0;
        spec.scoreThreshold = request.hasScoreThreshold() ? request.getScoreThreshold() : null;
        spec.withPayload = request.getWithPayload();
        spec.withVectors = request.hasWithVectors() ? request.getWithVectors() : null;
        return collection.search(spec);
    }

    List<ScoredPoint> recommend(RecommendPoints request) {
        new Validation().name("collection_name", request.getCollectionName())
                .atLeast("limit", request.getLimit(), 1).check();
        if (request.hasLookupFrom()) {
            throw QdrantErrors.unsupported("lookup_from");
        }
        CollectionData collection = storage.collection(request.getCollectionName());
        String using = request.hasUsing() ? request.getUsing() : "";
        Set<PointId> referenced = new HashSet<>();
        List<float[]> positives = new ArrayList<>();
        List<float[]> negatives = new ArrayList<>();
        for (PointId id : request.getPositiveList()) {
            positives.add(collection.storedVector(id, using));
            referenced.add(PointIds.canonical(id));
        }
        for (Vector v : request.getPositiveVectorsList()) {
            positives.add(VectorInputs.dense(v));
        }
        for (PointId id : request.getNegativeList()) {
            negatives.add(collection.storedVector(id, using));
            referenced.add(PointIds.canonical(id));
        }
        for (Vector v : request.getNegativeVectorsList()) {
            negatives.add(VectorInputs.dense(v));
        }
        SearchSpec spec = new SearchSpec();
        spec.using = using;
        spec.filter = request.hasFilter() ? request.getFilter() : null;
        spec.limit = request.getLimit();
        spec.offset = request.hasOffset() ? request.getOffset() : 0;
        spec.scoreThreshold = request.hasScoreThreshold() ? request.getScoreThreshold() : null;
        spec.withPayload = request.getWithPayload();
        spec.withVectors = request.hasWithVectors() ? request.getWithVectors() : null;
        spec.exclude = referenced;
        RecommendStrategy strategy = request.hasStrategy() ? request.getStrategy() : RecommendStrategy.AverageVector;
        applyRecommend(collection, spec, strategy, positives, negatives);
        return collection.search(spec);
    }

    /** The dense vector of a query input; an id is looked up (and excluded from the results). */
    static float[] resolve(CollectionData collection, VectorInput input, String using, Set<PointId> exclude) {
        switch (input.getVariantCase()) {
            case DENSE:
                return VectorInputs.dense(input.getDense());
            case ID:
                exclude.add(PointIds.canonical(input.getId()));
                return collection.storedVector(input.getId(), using);
            case DOCUMENT:
            case IMAGE:
            case OBJECT:
                throw QdrantErrors.unsupported("inference (documents, images, objects)");
            default:
                throw QdrantErrors.unsupported("sparse and multi-dense query vectors");
        }
    }

    /**
     * AverageVector: search with {@code avg(positive) + (avg(positive) - avg(negative))}. BestScore: the best
     * similarity to a positive, squashed by a sigmoid, when it beats the best similarity to a negative, else minus
     * the squashed best negative. SumScores: sum of positive minus sum of negative similarities.
     */
    static void applyRecommend(CollectionData collection, SearchSpec spec,
            RecommendStrategy strategy, List<float[]> positives, List<float[]> negatives) {
        VectorSpace space = collection.space(spec.using);
        for (float[] v : positives) {
            space.checkSize(v);
        }
        for (float[] v : negatives) {
            space.checkSize(v);
        }
        if (strategy == RecommendStrategy.AverageVector) {
            if (positives.isEmpty()) {
                throw QdrantErrors.badRequest("At least one positive vector ID required with this strategy");
            }
            float[] avgPositive = average(positives, space.dim);
            if (negatives.isEmpty()) {
                spec.query = avgPositive;
            } else {
                float[] avgNegative = average(negatives, space.dim);
                float[] q = new float[space.dim];
                for (int i = 0; i < q.length; i++) {
                    q[i] = avgPositive[i] + avgPositive[i] - avgNegative[i];
                }
                spec.query = q;
            }
            return;
        }
        if (positives.isEmpty() && negatives.isEmpty()) {
            throw QdrantErrors.badRequest("At least one positive or negative vector required");
        }
        List<float[]> pos = preprocess(space, positives);
        List<float[]> neg = preprocess(space, negatives);
        if (strategy == RecommendStrategy.BestScore) {
            spec.scorer = (s, slot) -> {
                float bestPositive = Float.NEGATIVE_INFINITY;
                for (float[] p : pos) {
                    bestPositive = Math.max(bestPositive, s.score(p, slot));
                }
                float bestNegative = Float.NEGATIVE_INFINITY;
                for (float[] n : neg) {
                    bestNegative = Math.max(bestNegative, s.score(n, slot));
                }
                return bestPositive > bestNegative ? scaledSigmoid(bestPositive) : -scaledSigmoid(bestNegative);
            };
        } else if (strategy == RecommendStrategy.SumScores) {
            spec.scorer = (s, slot) -> {
                float sum = 0f;
                for (float[] p : pos) {
                    sum += s.score(p, slot);
                }
                for (float[] n : neg) {
                    sum -= s.score(n, slot);
                }
                return sum;
            };
        } else {
            throw QdrantErrors.unsupported("recommend strategy " + strategy);
        }
    }

    private static List<float[]> preprocess(VectorSpace space, List<float[]> vectors) {
        List<float[]> out = new ArrayList<>(vectors.size());
        for (float[] v : vectors) {
            out.add(Distances.preprocess(space.distance, v));
        }
        return out;
    }

    private static float scaledSigmoid(float x) {
        return 0.5f * (x / (1f + Math.abs(x)) + 1f);
    }

    private static float[] average(List<float[]> vectors, int dim) {
        float[] sum = new float[dim];
        for (float[] v : vectors) {
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
            }
        }
        for (int i = 0; i < dim; i++) {
            sum[i] /= vectors.size();
        }
        return sum;
    }
}
