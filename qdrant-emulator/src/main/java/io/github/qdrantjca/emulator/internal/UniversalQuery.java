package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendStrategy;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Query API: a query (nearest vector or point id, recommend, or none = points in id order) over the collection,
 * or over the candidates of prefetches, which are merged by reciprocal rank fusion or re-scored by a vector query.
 * The request's filter applies to every prefetch too; payload and vectors are added once, to the final page.
 */
final class UniversalQuery {

    private static final long DEFAULT_LIMIT = 10;
    private static final int DEFAULT_RRF_K = 2;

    private final Storage storage;

    UniversalQuery(Storage storage) {
        this.storage = storage;
    }

    List<ScoredPoint> query(QueryPoints request) {
        Validation validation = new Validation().name("collection_name", request.getCollectionName());
        if (request.hasLimit()) {
            validation.atLeast("limit", request.getLimit(), 1);
        }
        validation.check();
        CollectionData collection = storage.collection(request.getCollectionName());
        request = ShardRouting.scoped(collection, request);
        Node node = new Node(request.getPrefetchList(), request.hasQuery() ? request.getQuery() : null,
                request.hasUsing() ? request.getUsing() : "", request.hasFilter() ? request.getFilter() : null,
                request.hasScoreThreshold() ? request.getScoreThreshold() : null,
                request.hasLimit() ? request.getLimit() : DEFAULT_LIMIT, request.hasOffset() ? request.getOffset() : 0,
                QueryEngine.lookup(storage, request.hasLookupFrom() ? request.getLookupFrom() : null));
        WithPayloadSelector withPayload = request.hasWithPayload() ? request.getWithPayload() : null;
        WithVectorsSelector withVectors = request.hasWithVectors() ? request.getWithVectors() : null;
        if (node.prefetches.isEmpty()) {
            return direct(collection, node, null, withPayload, withVectors);
        }
        return collection.render(evaluate(collection, node), withPayload, withVectors);
    }

    /**
     * Every point the query ranks (no limit, no offset), best first, as ids and scores: what a group query groups.
     */
    List<ScoredPoint> rankAll(io.qdrant.client.grpc.Points.QueryPointGroups request) {
        CollectionData collection = storage.collection(request.getCollectionName());
        request = ShardRouting.scoped(collection, request);
        Node node = new Node(request.getPrefetchList(), request.hasQuery() ? request.getQuery() : null,
                request.hasUsing() ? request.getUsing() : "", request.hasFilter() ? request.getFilter() : null,
                request.hasScoreThreshold() ? request.getScoreThreshold() : null, Integer.MAX_VALUE, 0,
                QueryEngine.lookup(storage, request.hasLookupFrom() ? request.getLookupFrom() : null));
        return evaluate(collection, node);
    }

    /** One level of a query: its prefetches (maybe none), query and limits. */
    private static final class Node {
        final List<PrefetchQuery> prefetches;
        final Query query;
        final String using;
        final Filter filter;
        final Float scoreThreshold;
        final long limit;
        final long offset;
        final QueryEngine.Lookup lookup;

        Node(List<PrefetchQuery> prefetches, Query query, String using, Filter filter, Float scoreThreshold,
                long limit, long offset, QueryEngine.Lookup lookup) {
            this.prefetches = prefetches;
            this.query = query;
            this.using = using;
            this.filter = filter;
            this.scoreThreshold = scoreThreshold;
            this.limit = limit;
            this.offset = offset;
            this.lookup = lookup;
        }

        static Node of(Storage storage, PrefetchQuery p, Filter outer) {
            return new Node(p.getPrefetchList(), p.hasQuery() ? p.getQuery() : null, p.hasUsing() ? p.getUsing() : "",
                    both(outer, p.hasFilter() ? p.getFilter() : null),
                    p.hasScoreThreshold() ? p.getScoreThreshold() : null, p.hasLimit() ? p.getLimit() : DEFAULT_LIMIT,
                    0, QueryEngine.lookup(storage, p.hasLookupFrom() ? p.getLookupFrom() : null));
        }
    }

    private List<ScoredPoint> evaluate(CollectionData collection, Node node) {
        if (node.prefetches.isEmpty()) {
            return direct(collection, node, null, null, null);
        }
        List<List<ScoredPoint>> sources = new ArrayList<>();
        for (PrefetchQuery prefetch : node.prefetches) {
            sources.add(evaluate(collection, Node.of(storage, prefetch, node.filter)));
        }
        if (node.query == null) {
            throw QdrantErrors.wrongInput("Validation failed: cannot have prefetches without a query");
        }
        switch (node.query.getVariantCase()) {
            case FUSION:
                if (node.query.getFusion() == Fusion.DBSF) {
                    return page(dbsf(sources), node);
                }
                if (node.query.getFusion() != Fusion.RRF) {
                    throw QdrantErrors.validation("query.fusion: unknown fusion " + node.query.getFusionValue());
                }
                return page(rrf(sources, DEFAULT_RRF_K, null), node);
            case FORMULA:
                return page(Formula.rescore(collection, node.query.getFormula(), sources), node);
            case RRF: {
                Rrf rrf = node.query.getRrf();
                return page(rrf(sources, rrf.hasK() ? rrf.getK() : DEFAULT_RRF_K,
                        rrf.getWeightsCount() > 0 ? rrf.getWeightsList() : null), node);
            }
            default:
                Set<PointId> candidates = new HashSet<>();
                for (List<ScoredPoint> source : sources) {
                    for (ScoredPoint p : source) {
                        candidates.add(p.getId());
                    }
                }
                return direct(collection, node, candidates, null, null);
        }
    }

    /** A query straight over the collection (or over {@code only} those candidates). */
    private static List<ScoredPoint> direct(CollectionData collection, Node node, Set<PointId> only,
            WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        if (node.query == null) {
            return collection.byIdOrder(only == null ? node.filter : both(node.filter, Analytics.hasIds(only)),
                    node.offset, node.limit, withPayload, withVectors);
        }
        switch (node.query.getVariantCase()) {
            case ORDER_BY:
                return Analytics.orderedQuery(collection, node.query.getOrderBy(),
                        only == null ? node.filter : both(node.filter, Analytics.hasIds(only)), node.offset,
                        node.limit, withPayload, withVectors);
            case SAMPLE:
                return Analytics.sample(collection, only == null ? node.filter
                        : both(node.filter, Analytics.hasIds(only)), node.limit, withPayload, withVectors);
            case FORMULA:
                throw QdrantErrors.badRequest("A formula query rescores the results of its prefetches: give it at "
                        + "least one prefetch");
            case NEAREST_WITH_MMR:
                return mmr(collection, node, only, withPayload, withVectors);
            default:
                break;
        }
        SearchSpec spec = new SearchSpec();
        spec.using = node.using;
        spec.filter = node.filter;
        spec.limit = node.limit;
        spec.offset = node.offset;
        spec.scoreThreshold = node.scoreThreshold;
        spec.withPayload = withPayload;
        spec.withVectors = withVectors;
        spec.exclude = new HashSet<>();
        spec.only = only;
        switch (node.query.getVariantCase()) {
            case NEAREST:
                spec.any = QueryEngine.resolveAny(collection, node.lookup, node.query.getNearest(), node.using,
                        spec.exclude);
                break;
            case DISCOVER: {
                io.qdrant.client.grpc.Points.DiscoverInput discover = node.query.getDiscover();
                Object target = QueryEngine.resolveAny(collection, node.lookup, discover.getTarget(), node.using,
                        spec.exclude);
                QueryEngine.applyDiscover(collection, spec, target, pairs(collection, node,
                        discover.getContext(), spec.exclude));
                break;
            }
            case RELEVANCE_FEEDBACK: {
                io.qdrant.client.grpc.Points.RelevanceFeedbackInput feedback = node.query.getRelevanceFeedback();
                if (!feedback.getStrategy().hasNaive()) {
                    throw QdrantErrors.validation("relevance_feedback.strategy: must be set");
                }
                List<Object> examples = new ArrayList<>();
                List<Float> scores = new ArrayList<>();
                for (io.qdrant.client.grpc.Points.FeedbackItem item : feedback.getFeedbackList()) {
                    examples.add(QueryEngine.resolveAny(collection, node.lookup, item.getExample(), node.using,
                            spec.exclude));
                    scores.add(item.getScore());
                }
                Object target = QueryEngine.resolveAny(collection, node.lookup, feedback.getTarget(), node.using,
                        spec.exclude);
                io.qdrant.client.grpc.Points.NaiveFeedbackStrategy naive = feedback.getStrategy().getNaive();
                QueryEngine.applyFeedback(collection, spec, target, examples, scores, naive.getA(), naive.getB(),
                        naive.getC());
                break;
            }
            case CONTEXT:
                QueryEngine.applyDiscover(collection, spec, null, pairs(collection, node, node.query.getContext(),
                        spec.exclude));
                break;
            case RECOMMEND: {
                List<Object> positives = new ArrayList<>();
                List<Object> negatives = new ArrayList<>();
                for (VectorInput input : node.query.getRecommend().getPositiveList()) {
                    positives.add(QueryEngine.resolveAny(collection, node.lookup, input, node.using, spec.exclude));
                }
                for (VectorInput input : node.query.getRecommend().getNegativeList()) {
                    negatives.add(QueryEngine.resolveAny(collection, node.lookup, input, node.using, spec.exclude));
                }
                RecommendStrategy strategy = node.query.getRecommend().hasStrategy()
                        ? node.query.getRecommend().getStrategy() : RecommendStrategy.AverageVector;
                QueryEngine.applyRecommend(collection, spec, strategy, positives, negatives);
                break;
            }
            case FUSION:
            case RRF:
                throw QdrantErrors.badRequest("Fusion queries need prefetches to fuse");
            default:
                throw QdrantErrors.validation("query: a query variant must be set");
        }
        return collection.search(spec);
    }

    /** Nearest with maximal marginal relevance: the candidates by similarity, then re-ordered by {@link Mmr}. */
    private static List<ScoredPoint> mmr(CollectionData collection, Node node, Set<PointId> only,
            WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        io.qdrant.client.grpc.Points.NearestInputWithMmr input = node.query.getNearestWithMmr();
        io.qdrant.client.grpc.Points.Mmr params = input.getMmr();
        if (params.hasDiversity() && (params.getDiversity() < 0 || params.getDiversity() > 1)) {
            throw QdrantErrors.validation("mmr.diversity: value " + params.getDiversity()
                    + " invalid, must be from 0.0 to 1.0");
        }
        SearchSpec spec = new SearchSpec();
        spec.using = node.using;
        spec.filter = node.filter;
        spec.limit = params.hasCandidatesLimit() ? params.getCandidatesLimit() : node.limit + node.offset;
        spec.scoreThreshold = node.scoreThreshold;
        spec.exclude = new HashSet<>();
        spec.only = only;
        spec.any = QueryEngine.resolveAny(collection, node.lookup, input.getNearest(), node.using, spec.exclude);
        Object query = spec.any;
        List<ScoredPoint> candidates = collection.search(spec);
        float lambda = params.hasDiversity() ? 1f - params.getDiversity() : 0.5f;
        List<ScoredPoint> picked = Mmr.select(collection, node.using, query, candidates, lambda,
                node.limit + node.offset);
        List<ScoredPoint> page = picked.subList((int) Math.min(node.offset, picked.size()), picked.size());
        return withPayload == null && withVectors == null ? page : collection.render(page, withPayload, withVectors);
    }

    private static List<Object[]> pairs(CollectionData collection, Node node,
            io.qdrant.client.grpc.Points.ContextInput context, Set<PointId> exclude) {
        List<Object[]> pairs = new ArrayList<>();
        for (io.qdrant.client.grpc.Points.ContextInputPair pair : context.getPairsList()) {
            pairs.add(new Object[] {
                QueryEngine.resolveAny(collection, node.lookup, pair.getPositive(), node.using, exclude),
                QueryEngine.resolveAny(collection, node.lookup, pair.getNegative(), node.using, exclude)});
        }
        return pairs;
    }

    /**
     * Distribution-based score fusion as Qdrant computes it: each source's scores are normalised to
     * {@code (score - (mean - 3 sd)) / (6 sd)} (sample standard deviation; one point scores 0.5, as do all points of
     * a source whose scores are equal), then summed per point; best first, equal scores larger id first.
     */
    static List<ScoredPoint> dbsf(List<List<ScoredPoint>> sources) {
        Map<PointId, Float> fused = new LinkedHashMap<>();
        for (List<ScoredPoint> source : sources) {
            int n = source.size();
            float min = 0f;
            float max = 0f;
            if (n >= 2) {
                float mean = 0f;
                float aggregate = 0f;
                int k = 1;
                for (ScoredPoint p : source) {
                    float oldDelta = p.getScore() - mean;
                    mean += oldDelta / k++;
                    aggregate += oldDelta * (p.getScore() - mean);
                }
                float sd = (float) Math.sqrt(aggregate / (n - 1f));
                min = mean - 3f * sd;
                max = mean + 3f * sd;
            }
            for (ScoredPoint p : source) {
                float normalised = n < 2 || min == max ? 0.5f : (p.getScore() - min) / (max - min);
                fused.merge(p.getId(), normalised, Float::sum);
            }
        }
        List<ScoredPoint> out = new ArrayList<>(fused.size());
        fused.forEach((id, score) -> out.add(ScoredPoint.newBuilder().setId(id).setScore(score).build()));
        out.sort(Comparator.comparing(ScoredPoint::getScore).reversed()
                .thenComparing(ScoredPoint::getId, PointIds.ORDER.reversed()));
        return out;
    }

    /**
     * Reciprocal rank fusion as Qdrant computes it: each source adds {@code 1 / ((rank + 1) / weight + k - 1)}
     * (rank from 0) to a point's score; best first, equal scores larger id first.
     */
    static List<ScoredPoint> rrf(List<List<ScoredPoint>> sources, int k, List<Float> weights) {
        if (weights != null && weights.size() != sources.size()) {
            throw QdrantErrors.wrongInput("Number of weights in RRF should match number of pre-fetches: got "
                    + weights.size() + ", expected " + sources.size());
        }
        Map<PointId, Float> fused = new LinkedHashMap<>();
        for (int s = 0; s < sources.size(); s++) {
            float weight = weights == null ? 1f : weights.get(s);
            List<ScoredPoint> source = sources.get(s);
            for (int rank = 0; rank < source.size(); rank++) {
                float score = weight <= 0f ? 0f : 1f / ((rank + 1) / weight + k - 1f);
                fused.merge(source.get(rank).getId(), score, Float::sum);
            }
        }
        List<ScoredPoint> out = new ArrayList<>(fused.size());
        fused.forEach((id, score) -> out.add(ScoredPoint.newBuilder().setId(id).setScore(score).build()));
        out.sort(Comparator.comparing(ScoredPoint::getScore).reversed()
                .thenComparing(ScoredPoint::getId, PointIds.ORDER.reversed()));
        return out;
    }

    private static List<ScoredPoint> page(List<ScoredPoint> ranked, Node node) {
        List<ScoredPoint> out = new ArrayList<>();
        long skipped = 0;
        for (ScoredPoint p : ranked) {
            if (out.size() >= node.limit) {
                break;
            }
            if (node.scoreThreshold != null && !(p.getScore() > node.scoreThreshold)) {
                continue;
            }
            if (skipped++ < node.offset) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    /** Both filters must hold. */
    private static Filter both(Filter outer, Filter inner) {
        if (outer == null) {
            return inner;
        }
        if (inner == null) {
            return outer;
        }
        return Filter.newBuilder().addMust(Condition.newBuilder().setFilter(outer))
                .addMust(Condition.newBuilder().setFilter(inner)).build();
    }
}
