package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Collections.UpdateQueueInfo;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One collection: its configuration, its points (id, payload, version) in slots, the vectors of each named vector in
 * a {@link VectorSpace}, and its payload indexes. Reads share a lock, writes take it exclusively.
 */
final class CollectionData {

    final String name;
    private volatile CollectionConfig config;
    private final Map<String, VectorSpace> spaces;
    private final Set<ShardKey> shardKeys = new java.util.LinkedHashSet<>();
    private final boolean namedVectors;
    private final PointOutput output;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final TreeMap<PointId, StoredPoint> byId = new TreeMap<>(PointIds.ORDER);
    private StoredPoint[] slots = new StoredPoint[16];
    private int slotCount;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private final Map<String, PayloadIndex> indexes = new TreeMap<>();
    private long nextOperationId;
    private final List<StoredPoint> touched = new ArrayList<>(); // guarded by the write lock
    private final List<PointId> dropped = new ArrayList<>(); // guarded by the write lock
    private Journal journal = Journal.NONE;

    CollectionData(String name, CollectionConfig config, Map<String, VectorSpace> spaces, boolean namedVectors) {
        this.name = name;
        this.config = config;
        this.spaces = spaces;
        this.namedVectors = namedVectors;
        this.output = new PointOutput(spaces, namedVectors);
    }

    // ---------------------------------------------------------------- locking

    private <T> T read(Supplier<T> body) {
        return locked(lock.readLock(), body);
    }

    private <T> T write(Supplier<T> body) {
        return locked(lock.writeLock(), body);
    }

    private static <T> T locked(Lock l, Supplier<T> body) {
        l.lock();
        try {
            return body.get();
        } finally {
            l.unlock();
        }
    }

    // ---------------------------------------------------------------- writes

    UpdateResult upsert(List<PointStruct> points, boolean wait) {
        return upsert(points, wait, null, UpdateMode.Upsert, Set.of());
    }

    /**
     * Upserts as Qdrant's conditional upsert does: with {@code updateFilter}, an existing point that does not match
     * it is left as it is (new points are inserted regardless); {@code InsertOnly} leaves every existing point
     * alone, {@code UpdateOnly} inserts nothing. The points written land in {@code keys} (shard keys; empty: none).
     */
    UpdateResult upsert(List<PointStruct> points, boolean wait, Filter updateFilter, UpdateMode mode,
            Set<ShardKey> keys) {
        List<PointId> ids = new ArrayList<>(points.size());
        List<Map<String, Object>> vectors = new ArrayList<>(points.size());
        for (PointStruct p : points) {
            ids.add(PointIds.canonical(p.getId()));
            vectors.add(inputVectors(p.hasVectors() ? p.getVectors() : null, true));
        }
        return write(() -> {
            FilterMatcher matcher = updateFilter == null ? null : matcher(updateFilter);
            long op = nextOperationId++;
            for (int i = 0; i < points.size(); i++) {
                StoredPoint stored = byId.get(ids.get(i));
                if (stored == null) {
                    if (mode == UpdateMode.UpdateOnly) {
                        continue;
                    }
                    stored = new StoredPoint(ids.get(i), allocateSlot());
                    byId.put(stored.id, stored);
                    slots[stored.slot] = stored;
                } else {
                    if (mode == UpdateMode.InsertOnly || (matcher != null && !matcher.matches(updateFilter, stored))) {
                        continue;
                    }
                    for (VectorSpace space : spaces.values()) {
                        space.remove(stored.slot);
                    }
                }
                stored.payload = Map.copyOf(points.get(i).getPayloadMap());
                stored.keys = keys;
                touch(stored, op);
                for (Map.Entry<String, Object> v : vectors.get(i).entrySet()) {
                    spaces.get(v.getKey()).put(stored.slot, v.getValue());
                }
            }
            return result(op, wait);
        });
    }

    UpdateResult updateVectors(List<PointVectors> points, boolean wait) {
        return updateVectors(points, wait, null, Set.of());
    }

    /**
     * Replaces the given vectors of existing points (NOT_FOUND for a missing one, or one outside {@code keys} when
     * shard keys are given); with {@code updateFilter}, points that do not match it are left as they are.
     */
    UpdateResult updateVectors(List<PointVectors> points, boolean wait, Filter updateFilter, Set<ShardKey> keys) {
        List<PointId> ids = new ArrayList<>(points.size());
        List<Map<String, Object>> vectors = new ArrayList<>(points.size());
        for (PointVectors p : points) {
            ids.add(PointIds.canonical(p.getId()));
            vectors.add(inputVectors(p.getVectors(), false));
        }
        return write(() -> {
            FilterMatcher matcher = updateFilter == null ? null : matcher(updateFilter);
            for (PointId id : ids) {
                StoredPoint p = requirePoint(id);
                if (!keys.isEmpty() && java.util.Collections.disjoint(keys, p.keys)) {
                    throw QdrantErrors.pointNotFound(PointIds.text(id));
                }
            }
            long op = nextOperationId++;
            for (int i = 0; i < ids.size(); i++) {
                StoredPoint stored = byId.get(ids.get(i));
                if (matcher != null && !matcher.matches(updateFilter, stored)) {
                    continue;
                }
                touch(stored, op);
                for (Map.Entry<String, Object> v : vectors.get(i).entrySet()) {
                    spaces.get(v.getKey()).put(stored.slot, v.getValue());
                }
            }
            return result(op, wait);
        });
    }

    UpdateResult deleteVectors(PointsSelector selector, Collection<String> names, boolean wait) {
        for (String vectorName : names) {
            space(vectorName);
        }
        return write(() -> {
            long op = nextOperationId++;
            for (StoredPoint p : select(selector, false)) {
                touch(p, op);
                for (String vectorName : names) {
                    spaces.get(vectorName).remove(p.slot);
                }
            }
            return result(op, wait);
        });
    }

    UpdateResult delete(PointsSelector selector, boolean wait) {
        return write(() -> {
            long op = nextOperationId++;
            for (StoredPoint p : select(selector, false)) {
                drop(p);
            }
            return result(op, wait);
        });
    }

    /** Removes a point, its vectors and its slot (under the write lock). */
    private void drop(StoredPoint p) {
        byId.remove(p.id);
        dropped.add(p.id);
        slots[p.slot] = null;
        for (VectorSpace space : spaces.values()) {
            space.remove(p.slot);
        }
        releaseSlot(p.slot);
    }

    /** Set ({@code overwrite=false}) or overwrite the payload of the selected points, optionally under {@code key}. */
    UpdateResult setPayload(PointsSelector selector, Map<String, Value> payload, String key, boolean overwrite,
            boolean wait) {
        return write(() -> {
            List<StoredPoint> targets = select(selector, true);
            long op = nextOperationId++;
            for (StoredPoint p : targets) {
                p.payload = Map.copyOf(Payloads.merge(overwrite ? Map.of() : p.payload, payload, key));
                touch(p, op);
            }
            return result(op, wait);
        });
    }

    UpdateResult deletePayload(PointsSelector selector, List<String> keys, boolean wait) {
        return write(() -> {
            List<StoredPoint> targets = select(selector, true);
            long op = nextOperationId++;
            for (StoredPoint p : targets) {
                p.payload = Map.copyOf(Payloads.remove(p.payload, keys));
                touch(p, op);
            }
            return result(op, wait);
        });
    }

    UpdateResult clearPayload(PointsSelector selector, boolean wait) {
        return write(() -> {
            List<StoredPoint> targets = select(selector, true);
            long op = nextOperationId++;
            for (StoredPoint p : targets) {
                p.payload = Map.of();
                touch(p, op);
            }
            return result(op, wait);
        });
    }

    UpdateResult createIndex(String field, PayloadSchemaType type, PayloadIndexParams params, boolean wait) {
        return write(() -> {
            indexes.put(field, new PayloadIndex(type, params));
            journal.index(name, indexRecord(field, indexes.get(field)));
            return result(nextOperationId++, wait);
        });
    }

    UpdateResult deleteIndex(String field, boolean wait) {
        return write(() -> {
            indexes.remove(field);
            journal.indexDropped(name, field);
            return result(nextOperationId++, wait);
        });
    }

    /** Marks a point as changed by operation {@code op}; the journal gets its new state when the write ends. */
    private void touch(StoredPoint p, long op) {
        p.version = op;
        touched.add(p);
    }

    /**
     * Ends a write (under the write lock): hands the changed points to the journal, in order, and with {@code wait}
     * makes the journal durable before the answer goes out.
     */
    private UpdateResult result(long operationId, boolean wait) {
        try {
            for (PointId id : dropped) {
                journal.pointDropped(name, id);
            }
            for (StoredPoint p : journal == Journal.NONE ? List.<StoredPoint>of() : touched) {
                if (byId.get(p.id) == p) {
                    journal.point(name, output.asInput(p.id, p.slot, p.payload), p.keys);
                }
            }
            if (wait) {
                journal.sync();
            }
        } finally {
            touched.clear();
            dropped.clear();
        }
        return UpdateResult.newBuilder().setOperationId(operationId)
                .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged).build();
    }

    private static io.qdrant.client.grpc.Points.CreateFieldIndexCollection indexRecord(String field,
            PayloadIndex index) {
        io.qdrant.client.grpc.Points.CreateFieldIndexCollection.Builder b =
                io.qdrant.client.grpc.Points.CreateFieldIndexCollection.newBuilder().setFieldName(field)
                        .setFieldType(io.qdrant.client.grpc.Points.FieldType.forNumber(index.type.getNumber() - 1));
        if (index.params != null) {
            b.setFieldIndexParams(index.params);
        }
        return b.build();
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotCount == slots.length) {
            slots = java.util.Arrays.copyOf(slots, slots.length * 2);
        }
        int slot = slotCount++;
        for (VectorSpace space : spaces.values()) {
            space.ensureSlots(slotCount);
        }
        return slot;
    }

    private void releaseSlot(int slot) {
        if (freeCount == freeSlots.length) {
            freeSlots = java.util.Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    /** The points a selector names; with {@code strict}, a listed id that does not exist is NOT_FOUND. */
    private List<StoredPoint> select(PointsSelector selector, boolean strict) {
        List<StoredPoint> out = new ArrayList<>();
        switch (selector.getPointsSelectorOneOfCase()) {
            case POINTS:
                Set<PointId> seen = new HashSet<>();
                for (PointId raw : selector.getPoints().getIdsList()) {
                    PointId id = PointIds.canonical(raw);
                    StoredPoint p = byId.get(id);
                    if (p == null && strict) {
                        throw QdrantErrors.pointNotFound(PointIds.text(id));
                    }
                    if (p != null && seen.add(id)) {
                        out.add(p);
                    }
                }
                return out;
            case FILTER:
                FilterMatcher matcher = matcher(selector.getFilter());
                for (StoredPoint p : byId.values()) {
                    if (matcher.matches(selector.getFilter(), p)) {
                        out.add(p);
                    }
                }
                return out;
            default:
                throw QdrantErrors.validation("points_selector: must be set");
        }
    }

    private StoredPoint requirePoint(PointId id) {
        StoredPoint p = byId.get(id);
        if (p == null) {
            throw QdrantErrors.pointNotFound(PointIds.text(id));
        }
        return p;
    }

    /** The vectors of an input, by vector name, each checked against its space. */
    private Map<String, Object> inputVectors(Vectors vectors, boolean whole) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (vectors == null || vectors.getVectorsOptionsCase() == Vectors.VectorsOptionsCase.VECTORSOPTIONS_NOT_SET) {
            if (whole && !namedVectors) {
                throw QdrantErrors.validation("vectors: must be set");
            }
            return out;
        }
        if (vectors.hasVector()) {
            VectorSpace space = space("");
            out.put("", space.check(VectorInputs.any(vectors.getVector())));
            return out;
        }
        for (Map.Entry<String, Vector> e : vectors.getVectors().getVectorsMap().entrySet()) {
            VectorSpace space = space(e.getKey());
            out.put(space.name, space.check(VectorInputs.any(e.getValue())));
        }
        return out;
    }

    // ---------------------------------------------------------------- reads

    /** The space of a vector name ("" is the unnamed vector); Qdrant's error when there is no such vector. */
    VectorSpace space(String vectorName) {
        VectorSpace space = spaces.get(vectorName == null ? "" : vectorName);
        if (space == null) {
            throw QdrantErrors.wrongInput("Not existing vector name error: " + (vectorName == null ? "" : vectorName));
        }
        return space;
    }

    /** The stored (for Cosine normalised) vector of a point; NOT_FOUND when the point does not exist. */
    float[] storedVector(PointId rawId, String vectorName) {
        PointId id = PointIds.canonical(rawId);
        return read(() -> {
            StoredPoint p = requirePoint(id);
            VectorSpace space = space(vectorName);
            if (!space.has(p.slot)) {
                throw QdrantErrors.wrongInput("Vector `" + vectorName + "` of point " + PointIds.text(id)
                        + " is missing");
            }
            return space.get(p.slot);
        });
    }

    /** The stored vector of a point whatever its kind (float[], float[][] or sparse); NOT_FOUND when missing. */
    Object storedAny(PointId rawId, String vectorName) {
        PointId id = PointIds.canonical(rawId);
        return read(() -> {
            StoredPoint p = requirePoint(id);
            VectorSpace space = space(vectorName);
            if (!space.has(p.slot)) {
                throw QdrantErrors.wrongInput("Vector `" + vectorName + "` of point " + PointIds.text(id)
                        + " is missing");
            }
            return space.stored(p.slot);
        });
    }

    List<RetrievedPoint> get(List<PointId> ids, WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        List<PointId> canonical = ids.stream().map(PointIds::canonical).toList();
        return read(() -> {
            List<RetrievedPoint> out = new ArrayList<>();
            Set<PointId> seen = new HashSet<>();
            for (PointId id : canonical) {
                StoredPoint p = byId.get(id);
                if (p != null && seen.add(id)) {
                    out.add(output.retrieved(p.id, p.slot, p.payload, withPayload, withVectors));
                }
            }
            return out;
        });
    }

    /** A brute-force nearest-neighbour search; see {@link SearchSpec}. */
    List<ScoredPoint> search(SearchSpec spec) {
        VectorSpace space = space(spec.using);
        if (spec.any != null) {
            Object checked = space.check(spec.any);
            if (checked instanceof float[]) {
                spec.query = (float[]) checked;
            } else if (checked instanceof float[][]) {
                float[][] m = (float[][]) checked;
                float[][] prepared = new float[m.length][];
                for (int i = 0; i < m.length; i++) {
                    prepared[i] = Distances.preprocess(space.distance, m[i]);
                }
                spec.scorer = (s, slot) -> s.maxSim(prepared, slot);
            } else {
                return sparseSearch(space, spec, (VectorSpace.Sparse) checked);
            }
        }
        if (spec.query != null) {
            space.checkSize(spec.query);
        }
        float[] query = spec.query == null ? null : Distances.preprocess(space.distance, spec.query);
        return read(() -> {
            FilterMatcher matcher = spec.filter == null ? null : matcher(spec.filter);
            // a custom scorer's score is reported as is, larger being better, whatever the metric
            boolean custom = spec.scorer != null;
            boolean largerBetter = custom || Distances.largerIsBetter(space.distance);
            float threshold = spec.scoreThreshold == null ? Float.NEGATIVE_INFINITY
                    : custom ? spec.scoreThreshold : Distances.internalThreshold(space.distance, spec.scoreThreshold);
            TopK.Order order = (slotA, scoreA, slotB, scoreB) -> {
                int c = Float.compare(scoreA, scoreB);
                if (c != 0) {
                    return c;
                }
                int byId = PointIds.ORDER.compare(slots[slotA].id, slots[slotB].id);
                return largerBetter ? byId : -byId;
            };
            StoredPoint[] all = slots;
            Scan scan = new Scan(space);
            scan.query = query;
            scan.scorer = spec.scorer;
            scan.threshold = threshold;
            scan.excluded = spec.exclude == null || spec.exclude.isEmpty() ? null : slotsOf(spec.exclude);
            scan.allowed = spec.only == null ? null : slotsOf(spec.only);
            scan.filter = matcher == null ? null : slot -> matcher.matches(spec.filter, all[slot]);
            TopK top = scan.run(slotCount, spec.limit + spec.offset, order);
            int n = top.size();
            int[] bestSlots = new int[n];
            float[] bestScores = new float[n];
            top.drainBestFirst(bestSlots, bestScores);
            int skip = (int) Math.min(spec.offset, n);
            List<ScoredPoint> out = new ArrayList<>(n - skip);
            for (int i = skip; i < n; i++) {
                StoredPoint p = all[bestSlots[i]];
                float reported = custom ? bestScores[i] : Distances.reported(space.distance, bestScores[i]);
                out.add(output.scored(p.id, p.slot, p.payload, p.version, reported, spec.withPayload,
                        spec.withVectors));
            }
            return out;
        });
    }

    /** The slots of those of {@code ids} that exist; under the read lock. */
    private java.util.BitSet slotsOf(Set<PointId> ids) {
        java.util.BitSet out = new java.util.BitSet(slotCount);
        for (PointId id : ids) {
            StoredPoint p = byId.get(id);
            if (p != null) {
                out.set(p.slot);
            }
        }
        return out;
    }

    /** A sparse search: only points sharing an index with the query are candidates (as in Qdrant); dot product. */
    private List<ScoredPoint> sparseSearch(VectorSpace space, SearchSpec spec, VectorSpace.Sparse query) {
        return read(() -> {
            FilterMatcher matcher = spec.filter == null ? null : matcher(spec.filter);
            float threshold = spec.scoreThreshold == null ? Float.NEGATIVE_INFINITY : spec.scoreThreshold;
            float[] scores = new float[slotCount];
            int[] touched = space.sparseScores(query, scores);
            TopK top = new TopK(spec.limit + spec.offset, (slotA, scoreA, slotB, scoreB) -> {
                int c = Float.compare(scoreA, scoreB);
                return c != 0 ? c : PointIds.ORDER.compare(slots[slotA].id, slots[slotB].id);
            });
            for (int slot : touched) {
                StoredPoint p = slots[slot];
                if (p == null || (spec.exclude != null && spec.exclude.contains(p.id))
                        || (spec.only != null && !spec.only.contains(p.id))
                        || (matcher != null && !matcher.matches(spec.filter, p))) {
                    continue;
                }
                if (scores[slot] > threshold) {
                    top.offer(slot, scores[slot]);
                }
            }
            int n = top.size();
            int[] bestSlots = new int[n];
            float[] bestScores = new float[n];
            top.drainBestFirst(bestSlots, bestScores);
            List<ScoredPoint> out = new ArrayList<>();
            for (int i = (int) Math.min(spec.offset, n); i < n; i++) {
                StoredPoint p = slots[bestSlots[i]];
                out.add(output.scored(p.id, p.slot, p.payload, p.version, bestScores[i], spec.withPayload,
                        spec.withVectors));
            }
            return out;
        });
    }

    /** Points in id order from {@code offset} (inclusive); {@code limit + 1} of them so the caller sees the next. */
    List<RetrievedPoint> scroll(Filter filter, PointId offset, int limit, WithPayloadSelector withPayload,
            WithVectorsSelector withVectors) {
        PointId from = offset == null ? null : PointIds.canonical(offset);
        return read(() -> {
            FilterMatcher matcher = filter == null ? null : matcher(filter);
            Collection<StoredPoint> range = from == null ? byId.values() : byId.tailMap(from, true).values();
            List<RetrievedPoint> out = new ArrayList<>();
            for (StoredPoint p : range) {
                if (matcher != null && !matcher.matches(filter, p)) {
                    continue;
                }
                out.add(output.retrieved(p.id, p.slot, p.payload, withPayload, withVectors));
                if (out.size() > limit) {
                    break;
                }
            }
            return out;
        });
    }

    /** Points in id order, scored 0: what a query without a query answers. */
    List<ScoredPoint> byIdOrder(Filter filter, long offset, long limit, WithPayloadSelector withPayload,
            WithVectorsSelector withVectors) {
        return read(() -> {
            FilterMatcher matcher = filter == null ? null : matcher(filter);
            List<ScoredPoint> out = new ArrayList<>();
            long skipped = 0;
            for (StoredPoint p : byId.values()) {
                if (out.size() >= limit) {
                    break;
                }
                if (matcher != null && !matcher.matches(filter, p)) {
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                out.add(output.scored(p.id, p.slot, p.payload, p.version, 0f, withPayload, withVectors));
            }
            return out;
        });
    }

    /** Ranked (id, score) pairs as full scored points with the selected payload and vectors. */
    List<ScoredPoint> render(List<ScoredPoint> ranked, WithPayloadSelector withPayload,
            WithVectorsSelector withVectors) {
        return read(() -> {
            List<ScoredPoint> out = new ArrayList<>(ranked.size());
            for (ScoredPoint r : ranked) {
                StoredPoint p = byId.get(r.getId());
                if (p != null) {
                    out.add(output.scored(p.id, p.slot, p.payload, p.version, r.getScore(), withPayload,
                            withVectors));
                }
            }
            return out;
        });
    }

    long count(Filter filter) {
        return read(() -> {
            if (filter == null) {
                return (long) byId.size();
            }
            FilterMatcher matcher = matcher(filter);
            long n = 0;
            for (StoredPoint p : byId.values()) {
                if (matcher.matches(filter, p)) {
                    n++;
                }
            }
            return n;
        });
    }

    CollectionInfo info() {
        return read(() -> {
            CollectionInfo.Builder info = CollectionInfo.newBuilder()
                    .setStatus(CollectionStatus.Green)
                    .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true))
                    .setSegmentsCount(1)
                    .setConfig(config)
                    .setPointsCount(byId.size())
                    .setIndexedVectorsCount(0)
                    .setUpdateQueue(UpdateQueueInfo.newBuilder().setLength(0));
            for (Map.Entry<String, PayloadIndex> e : indexes.entrySet()) {
                long points = 0;
                for (StoredPoint p : byId.values()) {
                    if (!FilterMatcher.isEmpty(p.payload, e.getKey())) {
                        points++;
                    }
                }
                PayloadSchemaInfo.Builder schema = PayloadSchemaInfo.newBuilder()
                        .setDataType(e.getValue().type).setPoints(points);
                if (e.getValue().params != null) {
                    schema.setParams(e.getValue().params);
                }
                info.putPayloadSchema(e.getKey(), schema.build());
            }
            return info.build();
        });
    }

    /** A matcher for {@code filter} (checked first: unsupported conditions fail even on an empty collection). */
    private FilterMatcher matcher(Filter filter) {
        FilterMatcher.check(filter);
        Set<String> fullText = new HashSet<>();
        for (Map.Entry<String, PayloadIndex> e : indexes.entrySet()) {
            if (e.getValue().type == PayloadSchemaType.Text) {
                fullText.add(e.getKey());
            }
        }
        return new FilterMatcher(fullText);
    }

    // ---------------------------------------------------------------- definition, journal, export

    /** The request that would create this collection as it is configured now. */
    io.qdrant.client.grpc.Collections.CreateCollection definition() {
        CollectionConfig c = config;
        io.qdrant.client.grpc.Collections.CollectionParams params = c.getParams();
        io.qdrant.client.grpc.Collections.CreateCollection.Builder b =
                io.qdrant.client.grpc.Collections.CreateCollection.newBuilder().setCollectionName(name)
                        .setHnswConfig(c.getHnswConfig()).setWalConfig(c.getWalConfig())
                        .setOptimizersConfig(c.getOptimizerConfig()).setShardNumber(params.getShardNumber())
                        .setOnDiskPayload(params.getOnDiskPayload())
                        .setReplicationFactor(params.getReplicationFactor())
                        .setWriteConsistencyFactor(params.getWriteConsistencyFactor())
                        .putAllMetadata(c.getMetadataMap());
        if (params.hasVectorsConfig()) {
            b.setVectorsConfig(params.getVectorsConfig());
        }
        if (params.hasSparseVectorsConfig()) {
            b.setSparseVectorsConfig(params.getSparseVectorsConfig());
        }
        if (params.hasShardingMethod()) {
            b.setShardingMethod(params.getShardingMethod());
        }
        if (c.hasQuantizationConfig()) {
            b.setQuantizationConfig(c.getQuantizationConfig());
        }
        if (c.hasStrictModeConfig()) {
            b.setStrictModeConfig(c.getStrictModeConfig());
        }
        return b.build();
    }

    CollectionConfig config() {
        return config;
    }

    /** Replaces the configuration (a collection update); the caller has validated it. */
    void reconfigure(CollectionConfig next) {
        write(() -> {
            config = next;
            journal.collection(definition());
            return null;
        });
    }

    void journal(Journal journal) {
        write(() -> {
            this.journal = journal;
            return null;
        });
    }

    /** Writes this collection's definition, shard keys, indexes and points to {@code sink}. */
    void export(Journal sink) {
        read(() -> {
            sink.collection(definition());
            for (ShardKey key : shardKeys) {
                sink.shardKey(name, key, true);
            }
            for (Map.Entry<String, PayloadIndex> e : indexes.entrySet()) {
                sink.index(name, indexRecord(e.getKey(), e.getValue()));
            }
            for (StoredPoint p : byId.values()) {
                sink.point(name, output.asInput(p.id, p.slot, p.payload), p.keys);
            }
            return null;
        });
    }

    /**
     * Adds ({@code exists}) or removes a shard key; false when there was nothing to change. Removing a key drops its
     * points, as dropping its shards does in Qdrant (a point also written to another key stays there).
     */
    boolean shardKey(ShardKey key, boolean exists) {
        return write(() -> {
            boolean changed = exists ? shardKeys.add(key) : shardKeys.remove(key);
            if (changed) {
                journal.shardKey(name, key, exists);
            }
            if (changed && !exists) {
                long op = nextOperationId++;
                for (StoredPoint p : new ArrayList<>(byId.values())) {
                    if (!p.keys.contains(key)) {
                        continue;
                    }
                    Set<ShardKey> rest = new java.util.LinkedHashSet<>(p.keys);
                    rest.remove(key);
                    if (rest.isEmpty()) {
                        drop(p);
                    } else {
                        p.keys = Set.copyOf(rest);
                        touch(p, op);
                    }
                }
                result(op, false);
            }
            return changed;
        });
    }

    /**
     * Copies the points of shard key {@code from} that match {@code filter} (null: all) into shard key {@code to},
     * as a replicate-points transfer between two shards of this node does; both keys exist (the caller checked).
     */
    void replicatePoints(ShardKey from, ShardKey to, Filter filter) {
        write(() -> {
            FilterMatcher matcher = filter == null ? null : matcher(filter);
            long op = nextOperationId++;
            for (StoredPoint p : byId.values()) {
                if (p.keys.contains(from) && !p.keys.contains(to)
                        && (matcher == null || matcher.matches(filter, p))) {
                    Set<ShardKey> keys = new java.util.LinkedHashSet<>(p.keys);
                    keys.add(to);
                    p.keys = Set.copyOf(keys);
                    touch(p, op);
                }
            }
            return result(op, false);
        });
    }

    List<ShardKey> shardKeys() {
        return read(() -> new ArrayList<>(shardKeys));
    }

    /** The ids of the points written to any of {@code keys}. */
    Set<PointId> idsIn(Set<ShardKey> keys) {
        return read(() -> {
            Set<PointId> out = new HashSet<>();
            for (StoredPoint p : byId.values()) {
                if (!java.util.Collections.disjoint(keys, p.keys)) {
                    out.add(p.id);
                }
            }
            return out;
        });
    }

    /** Applies a definition loaded from a snapshot or the log: vector spaces added or removed, new configuration. */
    void redefine(Map<String, VectorSpace> declared, CollectionConfig next) {
        write(() -> {
            spaces.keySet().retainAll(declared.keySet());
            for (VectorSpace space : declared.values()) {
                if (!spaces.containsKey(space.name)) {
                    space.ensureSlots(slotCount);
                    spaces.put(space.name, space);
                }
            }
            config = next;
            journal.collection(definition());
            return null;
        });
    }

    /** Adds a named vector (null: none, the configuration is already so) to the collection; existing points have none. */
    UpdateResult addVector(VectorSpace space, CollectionConfig next, boolean wait) {
        return write(() -> {
            if (space != null) {
                space.ensureSlots(slotCount);
                spaces.put(space.name, space);
            }
            config = next;
            journal.collection(definition());
            return result(nextOperationId++, wait);
        });
    }

    /** Removes a named vector (null: none) and the vectors stored under it. */
    UpdateResult removeVector(String vectorName, CollectionConfig next, boolean wait) {
        return write(() -> {
            if (vectorName != null) {
                spaces.remove(vectorName);
            }
            config = next;
            journal.collection(definition());
            return result(nextOperationId++, wait);
        });
    }

    /** What a single-node Qdrant reports: its peer, the collection's shards, all local and active. */
    io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse clusterInfo(long peerId) {
        return read(() -> {
            io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse.Builder b =
                    io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse.newBuilder().setPeerId(peerId);
            io.qdrant.client.grpc.Collections.CollectionParams params = config.getParams();
            if (params.getShardingMethod() == io.qdrant.client.grpc.Collections.ShardingMethod.Custom) {
                int shardId = 0;
                int perKey = Math.max(1, params.getShardNumber());
                for (ShardKey key : shardKeys) {
                    long[] counts = new long[perKey];
                    for (StoredPoint p : byId.values()) {
                        if (p.keys.contains(key)) {
                            counts[Math.floorMod(p.id.hashCode(), perKey)]++;
                        }
                    }
                    for (int i = 0; i < perKey; i++) {
                        b.addLocalShards(io.qdrant.client.grpc.Collections.LocalShardInfo.newBuilder()
                                .setShardId(shardId++).setPointsCount(counts[i]).setShardKey(key)
                                .setState(io.qdrant.client.grpc.Collections.ReplicaState.Active));
                    }
                }
                return b.setShardCount(shardId).build();
            }
            int shards = Math.max(1, params.getShardNumber());
            long[] counts = new long[shards];
            for (PointId id : byId.keySet()) {
                counts[Math.floorMod(id.hashCode(), shards)]++;
            }
            for (int i = 0; i < shards; i++) {
                b.addLocalShards(io.qdrant.client.grpc.Collections.LocalShardInfo.newBuilder().setShardId(i)
                        .setPointsCount(counts[i]).setState(io.qdrant.client.grpc.Collections.ReplicaState.Active));
            }
            return b.setShardCount(shards).build();
        });
    }

    /** The payload of a point, or null when there is none. */
    Map<String, Value> payloadOf(PointId id) {
        return read(() -> {
            StoredPoint p = byId.get(id);
            return p == null ? null : p.payload;
        });
    }

    /** The ids of the points matching {@code filter} (null: all) that have {@code vectorName}, in id order. */
    List<PointId> ids(Filter filter, String vectorName) {
        VectorSpace space = vectorName == null ? null : space(vectorName);
        return read(() -> {
            FilterMatcher matcher = filter == null ? null : matcher(filter);
            List<PointId> out = new ArrayList<>();
            for (StoredPoint p : byId.values()) {
                if ((space == null || space.has(p.slot)) && (matcher == null || matcher.matches(filter, p))) {
                    out.add(p.id);
                }
            }
            return out;
        });
    }

    /** The payload index type of {@code field}, or null when it has none. */
    PayloadSchemaType indexType(String field) {
        return read(() -> {
            PayloadIndex index = indexes.get(field);
            return index == null ? null : index.type;
        });
    }

    /** Every point matching {@code filter} with its payload, in id order (for facets and ordering). */
    List<Map.Entry<PointId, Map<String, Value>>> payloads(Filter filter) {
        return read(() -> {
            FilterMatcher matcher = filter == null ? null : matcher(filter);
            List<Map.Entry<PointId, Map<String, Value>>> out = new ArrayList<>();
            for (StoredPoint p : byId.values()) {
                if (matcher == null || matcher.matches(filter, p)) {
                    out.add(Map.entry(p.id, p.payload));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- types

    private static final class PayloadIndex {
        final PayloadSchemaType type;
        final PayloadIndexParams params;

        PayloadIndex(PayloadSchemaType type, PayloadIndexParams params) {
            this.type = type;
            this.params = params;
        }
    }

    private final class StoredPoint implements FilterMatcher.Candidate {
        final PointId id;
        final int slot;
        Map<String, Value> payload = Map.of();
        long version;
        /** The shard keys the point was written to (none without custom sharding). */
        Set<ShardKey> keys = Set.of();

        StoredPoint(PointId id, int slot) {
            this.id = id;
            this.slot = slot;
        }

        @Override
        public PointId id() {
            return id;
        }

        @Override
        public Map<String, Value> payload() {
            return payload;
        }

        @Override
        public boolean hasVector(String vectorName) {
            VectorSpace space = spaces.get(vectorName);
            return space != null && space.has(slot);
        }
    }
}
