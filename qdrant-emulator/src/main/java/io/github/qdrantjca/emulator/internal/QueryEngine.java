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
        request = ShardRouting.scoped(collection, request);
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
        request = ShardRouting.scoped(collection, request);
        String using = request.hasUsing() ? request.getUsing() : "";
        Lookup lookup = lookup(storage, request.hasLookupFrom() ? request.getLookupFrom() : null);
        Set<PointId> referenced = new HashSet<>();
        List<Object> positives = new ArrayList<>();
        List<Object> negatives = new ArrayList<>();
        for (PointId id : request.getPositiveList()) {
            positives.add(byId(collection, lookup, id, using, referenced));
        }
        for (Vector v : request.getPositiveVectorsList()) {
            positives.add(VectorInputs.any(v));
        }
        for (PointId id : request.getNegativeList()) {
            negatives.add(byId(collection, lookup, id, using, referenced));
        }
        for (Vector v : request.getNegativeVectorsList()) {
            negatives.add(VectorInputs.any(v));
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
     * The vector of an example id, of any kind: from {@code lookup} when given (the id is then of another
     * collection and stays a candidate), else from the collection itself (and the id is excluded from the results).
     */
    static Object byId(CollectionData collection, Lookup lookup, PointId id, String using, Set<PointId> exclude) {
        if (lookup != null) {
            return lookup.collection().storedAny(id, lookup.vectorName() != null ? lookup.vectorName() : using);
        }
        exclude.add(PointIds.canonical(id));
        return collection.storedAny(id, using);
    }

    /** A query input of any kind (float[], float[][] or sparse); an id is looked up, in {@code lookup} if given. */
    static Object resolveAny(CollectionData collection, Lookup lookup, VectorInput input, String using,
            Set<PointId> exclude) {
        switch (input.getVariantCase()) {
            case SPARSE:
                return VectorInputs.sparse(input.getSparse());
            case MULTI_DENSE:
                return VectorInputs.multi(input.getMultiDense());
            case DENSE:
                return VectorInputs.dense(input.getDense());
            case ID:
                return byId(collection, lookup, input.getId(), using, exclude);
            case DOCUMENT:
            case IMAGE:
            case OBJECT:
                throw QdrantErrors.unsupported("inference (documents, images, objects)");
            default:
                throw QdrantErrors.validation("vector_input: a vector or a point id must be set");
        }
    }

    /**
     * AverageVector: search with {@code avg(positive) + (avg(positive) - avg(negative))}, as Qdrant averages each
     * kind: dense and sparse vectors component by component (a sparse index missing from a vector counts 0),
     * multivectors by putting all positive vectors together, followed by the negative ones negated. BestScore: the
     * best similarity to a positive, squashed by a sigmoid, when it beats the best similarity to a negative, else
     * minus the squashed best negative. SumScores: sum of positive minus sum of negative similarities.
     */
    static void applyRecommend(CollectionData collection, SearchSpec spec,
            RecommendStrategy strategy, List<Object> positives, List<Object> negatives) {
        VectorSpace space = collection.space(spec.using);
        List<Object> pos = prepare(space, positives);
        List<Object> neg = prepare(space, negatives);
        if (strategy == RecommendStrategy.AverageVector) {
            if (positives.isEmpty()) {
                throw QdrantErrors.badRequest("At least one positive vector ID required with this strategy");
            }
            spec.any = Averages.recommendation(space, positives, negatives);
            return;
        }
        if (positives.isEmpty() && negatives.isEmpty()) {
            throw QdrantErrors.badRequest("At least one positive or negative vector required");
        }
        if (strategy == RecommendStrategy.BestScore) {
            spec.scorer = (s, slot) -> {
                float bestPositive = Float.NEGATIVE_INFINITY;
                for (Object p : pos) {
                    bestPositive = Math.max(bestPositive, s.similarity(p, slot));
                }
                float bestNegative = Float.NEGATIVE_INFINITY;
                for (Object n : neg) {
                    bestNegative = Math.max(bestNegative, s.similarity(n, slot));
                }
                return bestPositive > bestNegative ? scaledSigmoid(bestPositive) : -scaledSigmoid(bestNegative);
            };
        } else if (strategy == RecommendStrategy.SumScores) {
            spec.scorer = (s, slot) -> {
                float sum = 0f;
                for (Object p : pos) {
                    sum += s.similarity(p, slot);
                }
                for (Object n : neg) {
                    sum -= s.similarity(n, slot);
                }
                return sum;
            };
        } else {
            throw QdrantErrors.validation("strategy: unknown recommend strategy " + strategy);
        }
    }

    List<ScoredPoint> discover(io.qdrant.client.grpc.Points.DiscoverPoints request) {
        new Validation().name("collection_name", request.getCollectionName())
                .atLeast("limit", request.getLimit(), 1).check();
        CollectionData collection = storage.collection(request.getCollectionName());
        request = ShardRouting.scoped(collection, request);
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
        Object target = request.hasTarget() && request.getTarget().hasSingle()
                ? example(collection, lookup, request.getTarget().getSingle(), using, spec.exclude) : null;
        List<Object[]> pairs = new ArrayList<>();
        for (io.qdrant.client.grpc.Points.ContextExamplePair pair : request.getContextList()) {
            pairs.add(new Object[] {example(collection, lookup, pair.getPositive(), using, spec.exclude),
                example(collection, lookup, pair.getNegative(), using, spec.exclude)});
        }
        applyDiscover(collection, spec, target, pairs);
        return collection.search(spec);
    }

    private static Object example(CollectionData collection, Lookup lookup,
            io.qdrant.client.grpc.Points.VectorExample example, String using, Set<PointId> exclude) {
        switch (example.getExampleCase()) {
            case ID:
                return byId(collection, lookup, example.getId(), using, exclude);
            case VECTOR:
                return VectorInputs.any(example.getVector());
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
    static void applyDiscover(CollectionData collection, SearchSpec spec, Object target, List<Object[]> pairs) {
        VectorSpace space = collection.space(spec.using);
        if (target == null && pairs.isEmpty()) {
            throw QdrantErrors.badRequest("Discovery needs a target or at least one context pair");
        }
        List<Object[]> prepared = new ArrayList<>();
        for (Object[] pair : pairs) {
            prepared.add(new Object[] {space.prepare(pair[0]), space.prepare(pair[1])});
        }
        if (target == null) {
            spec.scorer = (s, slot) -> {
                float loss = 0f;
                for (Object[] pair : prepared) {
                    float difference = s.similarity(pair[0], slot) - s.similarity(pair[1], slot) - Math.ulp(1.0f);
                    float x = Math.min(difference, 0f);
                    loss += x / (1f + Math.abs(x));
                }
                return loss;
            };
            return;
        }
        Object t = space.prepare(target);
        spec.scorer = (s, slot) -> {
            int rank = 0;
            for (Object[] pair : prepared) {
                rank += Integer.signum(Float.compare(s.similarity(pair[0], slot), s.similarity(pair[1], slot)));
            }
            return rank + scaledSigmoid(s.similarity(t, slot));
        };
    }

    /**
     * Relevance feedback with the naive strategy, as Qdrant scores it: {@code a * sim(target)} plus, for each
     * ordered pair of feedback examples whose feedback scores differ by more than 0, {@code (score+ - score-)^b * c *
     * (sim(positive) - sim(negative))}.
     */
    static void applyFeedback(CollectionData collection, SearchSpec spec, Object target, List<Object> examples,
            List<Float> scores, float a, float b, float c) {
        VectorSpace space = collection.space(spec.using);
        Object t = space.prepare(target);
        List<Object> positives = new ArrayList<>();
        List<Object> negatives = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            for (int j = 0; j < examples.size(); j++) {
                float confidence = scores.get(i) - scores.get(j);
                if (i == j || confidence <= 0f) {
                    continue;
                }
                positives.add(space.prepare(examples.get(i)));
                negatives.add(space.prepare(examples.get(j)));
                weights.add((float) Math.pow(confidence, b) * c);
            }
        }
        spec.scorer = (s, slot) -> {
            float score = a * s.similarity(t, slot);
            for (int k = 0; k < weights.size(); k++) {
                score += weights.get(k) * (s.similarity(positives.get(k), slot) - s.similarity(negatives.get(k), slot));
            }
            return score;
        };
    }

    private static List<Object> prepare(VectorSpace space, List<Object> vectors) {
        List<Object> out = new ArrayList<>(vectors.size());
        for (Object v : vectors) {
            out.add(space.prepare(v));
        }
        return out;
    }

    private static float scaledSigmoid(float x) {
        return 0.5f * (x / (1f + Math.abs(x)) + 1f);
    }
}
