package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.HasIdCondition;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.FacetValue;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.OrderValue;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchMatrixOffsets;
import io.qdrant.client.grpc.Points.SearchMatrixPair;
import io.qdrant.client.grpc.Points.SearchMatrixPairs;
import io.qdrant.client.grpc.Points.SearchMatrixPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What is computed over payload values or over a sample rather than by one vector search: ordering by a payload
 * field (scroll and query), random sampling, facets and the distance matrix.
 */
final class Analytics {

    private static final int DEFAULT_FACET_LIMIT = 10;
    private static final long DEFAULT_MATRIX_SAMPLE = 10;
    private static final long DEFAULT_MATRIX_LIMIT = 3;

    private Analytics() {
    }

    /** A filter that keeps only these ids. */
    static Filter hasIds(Set<PointId> ids) {
        return Filter.newBuilder().addMust(Condition.newBuilder().setHasId(HasIdCondition.newBuilder()
                .addAllHasId(ids))).build();
    }

    // ---------------------------------------------------------------- order_by

    /** One (value, point) entry of an ordering: a point with several values appears once per value, as in Qdrant. */
    private record Entry(double value, boolean integral, PointId id) {
        OrderValue orderValue() {
            return integral ? OrderValue.newBuilder().setInt((long) value).build()
                    : OrderValue.newBuilder().setFloat(value).build();
        }
    }

    /** Points ordered by a payload field (which needs a range index, as in Qdrant), from {@code start_from}. */
    private static List<Entry> ordered(CollectionData c, OrderBy orderBy, Filter filter) {
        String key = orderBy.getKey();
        PayloadSchemaType type = c.indexType(key);
        if (type != PayloadSchemaType.Integer && type != PayloadSchemaType.Float
                && type != PayloadSchemaType.Datetime) {
            throw QdrantErrors.wrongInput("No range index for `order_by` key: `" + key + "`. Please create one to "
                    + "use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to "
                    + "see which payload schemas support Range conditions");
        }
        boolean descending = orderBy.hasDirection() && orderBy.getDirection() == Direction.Desc;
        Double start = orderBy.hasStartFrom() ? startFrom(orderBy) : null;
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<PointId, Map<String, Value>> p : c.payloads(filter)) {
            Set<Double> seen = new LinkedHashSet<>();
            for (Value v : Payloads.values(p.getValue(), key)) {
                Entry e = entry(v, type, p.getKey());
                if (e == null || !seen.add(e.value)) {
                    continue;
                }
                if (start != null && (descending ? e.value > start : e.value < start)) {
                    continue;
                }
                entries.add(e);
            }
        }
        Comparator<Entry> order = Comparator.comparingDouble(Entry::value)
                .thenComparing(Entry::id, PointIds.ORDER);
        entries.sort(descending ? order.reversed() : order);
        return entries;
    }

    private static Entry entry(Value v, PayloadSchemaType type, PointId id) {
        switch (v.getKindCase()) {
            case INTEGER_VALUE:
                return new Entry(v.getIntegerValue(), type != PayloadSchemaType.Float, id);
            case DOUBLE_VALUE:
                return new Entry(v.getDoubleValue(), type == PayloadSchemaType.Float ? false
                        : v.getDoubleValue() == Math.rint(v.getDoubleValue()), id);
            case STRING_VALUE:
                if (type == PayloadSchemaType.Datetime) {
                    java.time.Instant t = FilterMatcher.parseDatetime(v.getStringValue());
                    return t == null ? null : new Entry(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000, true, id);
                }
                return null;
            default:
                return null;
        }
    }

    private static double startFrom(OrderBy orderBy) {
        switch (orderBy.getStartFrom().getValueCase()) {
            case FLOAT:
                return orderBy.getStartFrom().getFloat();
            case INTEGER:
                return orderBy.getStartFrom().getInteger();
            case TIMESTAMP:
                return orderBy.getStartFrom().getTimestamp().getSeconds() * 1_000_000L
                        + orderBy.getStartFrom().getTimestamp().getNanos() / 1000;
            case DATETIME: {
                java.time.Instant t = FilterMatcher.parseDatetime(orderBy.getStartFrom().getDatetime());
                if (t == null) {
                    throw QdrantErrors.badRequest("Unable to parse datetime " + orderBy.getStartFrom().getDatetime());
                }
                return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
            }
            default:
                throw QdrantErrors.validation("order_by.start_from: a value must be set");
        }
    }

    /** Scroll with {@code order_by}: the first {@code limit} entries, no next page offset (as Qdrant). */
    static List<RetrievedPoint> orderedScroll(CollectionData c, OrderBy orderBy, Filter filter, int limit,
            WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        List<Entry> entries = ordered(c, orderBy, filter);
        List<RetrievedPoint> out = new ArrayList<>();
        for (Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
            for (RetrievedPoint p : c.get(List.of(e.id), withPayload, withVectors)) {
                out.add(p.toBuilder().setOrderValue(e.orderValue()).build());
            }
        }
        return out;
    }

    /** Query with {@code order_by}: scored 1.0, version 0, with the order value (as Qdrant). */
    static List<ScoredPoint> orderedQuery(CollectionData c, OrderBy orderBy, Filter filter, long offset, long limit,
            WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        List<Entry> entries = ordered(c, orderBy, filter);
        List<ScoredPoint> out = new ArrayList<>();
        for (int i = (int) Math.min(offset, entries.size()); i < entries.size() && out.size() < limit; i++) {
            Entry e = entries.get(i);
            for (ScoredPoint p : c.render(List.of(ScoredPoint.newBuilder().setId(e.id).setScore(1f).build()),
                    withPayload, withVectors)) {
                out.add(p.toBuilder().setVersion(0).setOrderValue(e.orderValue()).build());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- sample

    /** {@code limit} points chosen at random among those matching, scored 1.0 (as Qdrant). */
    static List<ScoredPoint> sample(CollectionData c, Filter filter, long limit, WithPayloadSelector withPayload,
            WithVectorsSelector withVectors) {
        List<PointId> ids = c.ids(filter, null);
        Collections.shuffle(ids, ThreadLocalRandom.current());
        List<ScoredPoint> picked = new ArrayList<>();
        for (PointId id : ids.subList(0, (int) Math.min(limit, ids.size()))) {
            picked.add(ScoredPoint.newBuilder().setId(id).setScore(1f).build());
        }
        List<ScoredPoint> out = new ArrayList<>();
        for (ScoredPoint p : c.render(picked, withPayload, withVectors)) {
            out.add(p.toBuilder().setVersion(0).build());
        }
        return out;
    }

    // ---------------------------------------------------------------- facet

    /** Counts of the values of a field with a keyword, integer, bool or uuid index; most frequent first. */
    static List<FacetHit> facet(CollectionData c, FacetCounts request) {
        request = ShardRouting.scoped(c, request);
        String key = request.getKey();
        long limit = request.hasLimit() ? request.getLimit() : DEFAULT_FACET_LIMIT;
        new Validation().atLeast("limit", limit, 1).check();
        PayloadSchemaType type = c.indexType(key);
        if (type != PayloadSchemaType.Keyword && type != PayloadSchemaType.Integer
                && type != PayloadSchemaType.Bool && type != PayloadSchemaType.Uuid) {
            throw QdrantErrors.wrongInput("No appropriate index for faceting: `" + key + "`. Please create one to "
                    + "facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index "
                    + "to see which payload schemas support Match conditions");
        }
        Map<FacetValue, Long> counts = new HashMap<>();
        for (Map.Entry<PointId, Map<String, Value>> p : c.payloads(request.hasFilter() ? request.getFilter() : null)) {
            Set<FacetValue> values = new LinkedHashSet<>();
            for (Value v : Payloads.values(p.getValue(), key)) {
                FacetValue f = facetValue(v, type);
                if (f != null) {
                    values.add(f);
                }
            }
            values.forEach(f -> counts.merge(f, 1L, Long::sum));
        }
        List<Map.Entry<FacetValue, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<FacetValue, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry::getKey, Analytics::compareFacetValues));
        List<FacetHit> out = new ArrayList<>();
        for (Map.Entry<FacetValue, Long> e : sorted.subList(0, (int) Math.min(limit, sorted.size()))) {
            out.add(FacetHit.newBuilder().setValue(e.getKey()).setCount(e.getValue()).build());
        }
        return out;
    }

    private static FacetValue facetValue(Value v, PayloadSchemaType type) {
        switch (type) {
            case Keyword:
            case Uuid:
                return v.hasStringValue() ? FacetValue.newBuilder().setStringValue(v.getStringValue()).build() : null;
            case Integer:
                return v.hasIntegerValue() ? FacetValue.newBuilder().setIntegerValue(v.getIntegerValue()).build()
                        : null;
            case Bool:
                return v.hasBoolValue() ? FacetValue.newBuilder().setBoolValue(v.getBoolValue()).build() : null;
            default:
                return null;
        }
    }

    private static int compareFacetValues(FacetValue a, FacetValue b) {
        if (a.getVariantCase() != b.getVariantCase()) {
            return Integer.compare(a.getVariantCase().getNumber(), b.getVariantCase().getNumber());
        }
        switch (a.getVariantCase()) {
            case STRING_VALUE:
                return a.getStringValue().compareTo(b.getStringValue());
            case INTEGER_VALUE:
                return Long.compare(a.getIntegerValue(), b.getIntegerValue());
            default:
                return Boolean.compare(a.getBoolValue(), b.getBoolValue());
        }
    }

    // ---------------------------------------------------------------- distance matrix

    /** The sampled ids (in id order) and, for each, its nearest other sampled points. */
    private record Matrix(List<PointId> ids, List<List<ScoredPoint>> nearest) {
    }

    private static Matrix matrix(CollectionData c, SearchMatrixPoints request) {
        long sample = request.hasSample() ? request.getSample() : DEFAULT_MATRIX_SAMPLE;
        long limit = request.hasLimit() ? request.getLimit() : DEFAULT_MATRIX_LIMIT;
        String using = request.hasUsing() ? request.getUsing() : "";
        c.space(using);
        if (sample == 0 || limit == 0) {
            return new Matrix(List.of(), List.of());
        }
        List<PointId> candidates = c.ids(request.hasFilter() ? request.getFilter() : null, using);
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        List<PointId> ids = new ArrayList<>(candidates.subList(0, (int) Math.min(sample, candidates.size())));
        if (ids.size() < 2) {
            return new Matrix(List.of(), List.of());
        }
        ids.sort(PointIds.ORDER);
        Set<PointId> only = new java.util.HashSet<>(ids);
        List<List<ScoredPoint>> nearest = new ArrayList<>();
        for (PointId id : ids) {
            SearchSpec spec = new SearchSpec();
            spec.using = using;
            spec.query = c.storedVector(id, using);
            spec.limit = limit;
            spec.only = only;
            spec.exclude = Set.of(id);
            nearest.add(c.search(spec));
        }
        return new Matrix(ids, nearest);
    }

    static SearchMatrixPairs pairs(CollectionData c, SearchMatrixPoints request) {
        Matrix m = matrix(c, ShardRouting.scoped(c, request));
        SearchMatrixPairs.Builder out = SearchMatrixPairs.newBuilder();
        for (int i = 0; i < m.ids.size(); i++) {
            for (ScoredPoint p : m.nearest.get(i)) {
                out.addPairs(SearchMatrixPair.newBuilder().setA(m.ids.get(i)).setB(p.getId()).setScore(p.getScore()));
            }
        }
        return out.build();
    }

    static SearchMatrixOffsets offsets(CollectionData c, SearchMatrixPoints request) {
        Matrix m = matrix(c, ShardRouting.scoped(c, request));
        Map<PointId, Integer> offset = new HashMap<>();
        for (int i = 0; i < m.ids.size(); i++) {
            offset.put(m.ids.get(i), i);
        }
        SearchMatrixOffsets.Builder out = SearchMatrixOffsets.newBuilder().addAllIds(m.ids);
        for (int i = 0; i < m.ids.size(); i++) {
            for (ScoredPoint p : m.nearest.get(i)) {
                out.addOffsetsRow(i).addOffsetsCol(offset.get(p.getId())).addScores(p.getScore());
            }
        }
        return out.build();
    }
}
