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
        CollectionData collection = storage.collection(request.getCollectionName());
        SearchSpec spec = new SearchSpec();
        spec.using = request.hasVectorName() ? request.getVectorName() : "";
        if (request.hasSparseIndices()) {
            spec.any = VectorInputs.sparse(request.getSparseIndices().getDataList(), request.getVectorList());
        } else {
            spec.query = VectorInputs.floats(request.getVectorList());
        }
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
        CollectionData collection = storage.collection(request.getCollectionName());
        String using = request.hasUsing() ? request.getUsing() : "";
        Lookup lookup = lookup(storage, request.hasLookupFrom() ? request.getLookupFrom() : null);
        Set<PointId> referenced = new HashSet<>();
        List<float[]> positives = new ArrayList<>();
        List<float[]> negatives = new ArrayList<>();
        for (PointId id : request.getPositiveList()) {
            positives.add(byId(collection, lookup, id, using, referenced));
        }
        for (Vector v : request.getPositiveVectorsList()) {
            positives.add(VectorInputs.dense(v));
        }
        for (PointId id : request.getNegativeList()) {
            negatives.add(byId(collection, lookup, id, using, referenced));
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

    /** Where example ids are looked up: another collection (and vector name) given by {@code lookup_from}. */
    record Lookup(CollectionData collection, String vectorName) {
    }

    /** The lookup of a {@code lookup_from}; null when there is none. NOT_FOUND when its collection is missing. */
    static Lookup lookup(Storage storage, io.qdrant.client.grpc.Points.LookupLocation location) {
        if (location == null) {
            return null;
        }
        new Validation().name("lookup_from.collection_name", location.getCollectionName()).check();
        return new Lookup(storage.collection(location.getCollectionName()),
                location.hasVectorName() ? location.getVectorName() : null);
    }

    /**
     * The vector of an example id: from {@code lookup} when given (the id is then of another collection and stays
     * a candidate), else from the collection itself (and the id is excluded from the results).
     */
    static float[] byId(CollectionData collection, Lookup lookup, PointId id, String using, Set<PointId> exclude) {
        if (lookup != null) {
            return lookup.collection().storedVector(id, lookup.vectorName() != null ? lookup.vectorName() : using);
        }
        exclude.add(PointIds.canonical(id));
        return collection.storedVector(id, using);
    }

    /** A query input of any kind (float[], float[][] or sparse); an id is looked up, in {@code lookup} if given. */
    static Object resolveAny(CollectionData collection, Lookup lookup, VectorInput input, String using,
            Set<PointId> exclude) {
        switch (input.getVariantCase()) {
            case SPARSE:
                return VectorInputs.sparse(input.getSparse());
            case MULTI_DENSE:
                return VectorInputs.multi(input.getMultiDense());
            case ID:
                if (lookup != null) {
                    return lookup.collection().storedAny(input.getId(),
                            lookup.vectorName() != null ? lookup.vectorName() : using);
                }
                exclude.add(PointIds.canonical(input.getId()));
                return collection.storedAny(input.getId(), using);
            default:
                return resolve(collection, lookup, input, using, exclude);
        }
    }

    /** The dense vector of a query input; an id is looked up (and excluded from the results). */
    static float[] resolve(CollectionData collection, VectorInput input, String using, Set<PointId> exclude) {
        return resolve(collection, null, input, using, exclude);
    }

    /** The dense vector of a query input; an id is looked up, in {@code lookup} when given. */
    static float[] resolve(CollectionData collection, Lookup lookup, VectorInput input, String using,
            Set<PointId> exclude) {
        switch (input.getVariantCase()) {
            case DENSE:
                return VectorInputs.dense(input.getDense());
            case ID:
                return byId(collection, lookup, input.getId(), using, exclude);
            case DOCUMENT:
            case IMAGE:
            case OBJECT:
                throw QdrantErrors.unsupported("inference (documents, images, objects)");
            default:
                throw QdrantErrors.unsupported("sparse and multi-dense vectors in recommend and discovery queries");
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

    List<ScoredPoint> discover(io.qdrant.client.grpc.Points.DiscoverPoints request) {
        new Validation().name("collection_name", request.getCollectionName())
                .atLeast("limit", request.getLimit(), 1).check();
        CollectionData collection = storage.collection(request.getCollectionName());
        String using = request.hasUsing() ? request.getUsing() : "";
        Lookup lookup = lookup(storage, request.hasLookupFrom() ? request.getLookupFrom() : null);
        SearchSpec spec = new SearchSpec();
        spec.using = using;
        spec.filter = request.hasFilter() ? request.getFilter() : null;
        spec.limit = request.getLimit();
        spec.offset = request.hasOffset() ? request.getOffset() : 0;
        spec.withPayload = request.getWithPayload();
        spec.withVectors = request.hasWithVectors() ? request.getWithVectors() : null;
        spec.exclude = new HashSet<>();
        float[] target = request.hasTarget() && request.getTarget().hasSingle()
                ? example(collection, lookup, request.getTarget().getSingle(), using, spec.exclude) : null;
        List<float[][]> pairs = new ArrayList<>();
        for (io.qdrant.client.grpc.Points.ContextExamplePair pair : request.getContextList()) {
            pairs.add(new float[][] {example(collection, lookup, pair.getPositive(), using, spec.exclude),
                example(collection, lookup, pair.getNegative(), using, spec.exclude)});
        }
        applyDiscover(collection, spec, target, pairs);
        return collection.search(spec);
    }

    private static float[] example(CollectionData collection, Lookup lookup,
            io.qdrant.client.grpc.Points.VectorExample example, String using, Set<PointId> exclude) {
        switch (example.getExampleCase()) {
            case ID:
                return byId(collection, lookup, example.getId(), using, exclude);
            case VECTOR:
                return VectorInputs.dense(example.getVector());
            default:
                throw QdrantErrors.validation("example: a point id or a vector must be set");
        }
    }

    /**
     * Discovery (with a target) and context search (without), as Qdrant scores them: for each context pair, +1 when
     * the point is more similar to the positive than to the negative, -1 otherwise (0 when equal), plus the target
     * similarity squashed into (0, 1) by a scaled fast sigmoid; a context search sums, over the pairs,
     * {@code fast_sigmoid(min(sim(positive) - sim(negative) - epsilon, 0))}.
     */
    static void applyDiscover(CollectionData collection, SearchSpec spec, float[] target, List<float[][]> pairs) {
        VectorSpace space = collection.space(spec.using);
        if (target == null && pairs.isEmpty()) {
            throw QdrantErrors.badRequest("Discovery needs a target or at least one context pair");
        }
        List<float[][]> prepared = new ArrayList<>();
        for (float[][] pair : pairs) {
            space.checkSize(pair[0]);
            space.checkSize(pair[1]);
            prepared.add(new float[][] {Distances.preprocess(space.distance, pair[0]),
                Distances.preprocess(space.distance, pair[1])});
        }
        if (target == null) {
            spec.scorer = (s, slot) -> {
                float loss = 0f;
                for (float[][] pair : prepared) {
                    float difference = s.score(pair[0], slot) - s.score(pair[1], slot) - Math.ulp(1.0f);
                    float x = Math.min(difference, 0f);
                    loss += x / (1f + Math.abs(x));
                }
                return loss;
            };
            return;
        }
        space.checkSize(target);
        float[] t = Distances.preprocess(space.distance, target);
        spec.scorer = (s, slot) -> {
            int rank = 0;
            for (float[][] pair : prepared) {
                rank += Integer.signum(Float.compare(s.score(pair[0], slot), s.score(pair[1], slot)));
            }
            return rank + scaledSigmoid(s.score(t, slot));
        };
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
