package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Collections.WalConfigDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All collections and aliases of one emulator. Collection-level changes (create, delete, aliases) are serialised on
 * this object; point operations lock only their collection.
 */
public final class Storage {

    private static final int MAX_VECTOR_SIZE = 65536;

    private final Map<String, CollectionData> collections = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private Journal journal = Journal.NONE; // guarded by this
    private final long peerId = 1 + (java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 12);

    /** This node's peer id, as cluster info and snapshot names show it. */
    public long peerId() {
        return peerId;
    }

    /** Drops every collection and alias. */
    public synchronized void clear() {
        for (String name : collections.keySet()) {
            journal.collectionDropped(name);
        }
        collections.clear();
        aliases.clear();
        journal.aliases(List.of());
        journal.sync();
    }

    /** From now on, every change is recorded in {@code next}. */
    synchronized void journal(Journal next) {
        journal = next;
        for (CollectionData c : collections.values()) {
            c.journal(next);
        }
    }

    /** Writes every collection and the aliases to {@code sink}. */
    synchronized void export(Journal sink) {
        for (CollectionData c : collections.values()) {
            c.export(sink);
        }
        sink.aliases(aliases(null));
    }

    /**
     * A journal that applies the records it gets to this storage: how the log is replayed (a collection record
     * redefines an existing collection) or, with {@code replace}, a snapshot restored (a collection record replaces
     * an existing collection of that name).
     */
    Journal loader(boolean replace) {
        return new Loader(replace);
    }

    private final class Loader implements Journal {
        private final boolean replace;

        Loader(boolean replace) {
            this.replace = replace;
        }

        @Override
        public void collection(CreateCollection definition) {
            CollectionData existing;
            synchronized (Storage.this) {
                existing = collections.get(definition.getCollectionName());
            }
            if (existing != null && replace) {
                delete(definition.getCollectionName());
                existing = null;
            }
            if (existing == null) {
                create(definition);
            } else {
                existing.redefine(spaces(definition, new Validation()), config(definition));
            }
        }

        @Override
        public void collectionDropped(String collection) {
            delete(collection);
        }

        @Override
        public void aliases(List<AliasDescription> all) {
            synchronized (Storage.this) {
                aliases.clear();
                for (AliasDescription a : all) {
                    aliases.put(a.getAliasName(), a.getCollectionName());
                }
                journal.aliases(all);
            }
        }

        @Override
        public void shardKey(String collection, io.qdrant.client.grpc.Collections.ShardKey key, boolean exists) {
            Storage.this.collection(collection).shardKey(key, exists);
        }

        @Override
        public void index(String collection, io.qdrant.client.grpc.Points.CreateFieldIndexCollection index) {
            Storage.this.collection(collection).createIndex(index.getFieldName(),
                    io.qdrant.client.grpc.Collections.PayloadSchemaType.forNumber(index.getFieldType().getNumber() + 1),
                    index.hasFieldIndexParams() ? index.getFieldIndexParams() : null, false);
        }

        @Override
        public void indexDropped(String collection, String field) {
            Storage.this.collection(collection).deleteIndex(field, false);
        }

        @Override
        public void point(String collection, io.qdrant.client.grpc.Points.PointStruct point,
                java.util.Set<io.qdrant.client.grpc.Collections.ShardKey> keys) {
            Storage.this.collection(collection).upsert(List.of(point), false, null,
                    io.qdrant.client.grpc.Points.UpdateMode.Upsert, keys);
        }

        @Override
        public void pointDropped(String collection, io.qdrant.client.grpc.Common.PointId id) {
            Storage.this.collection(collection).delete(io.qdrant.client.grpc.Points.PointsSelector.newBuilder()
                    .setPoints(io.qdrant.client.grpc.Points.PointsIdsList.newBuilder().addIds(id)).build(), false);
        }

        @Override
        public void sync() {
        }
    }

    /** The collection with this name or alias; Qdrant's NOT_FOUND otherwise. */
    synchronized CollectionData collection(String nameOrAlias) {
        CollectionData c = collections.get(nameOrAlias);
        if (c == null) {
            String target = aliases.get(nameOrAlias);
            c = target == null ? null : collections.get(target);
        }
        if (c == null) {
            throw QdrantErrors.collectionNotFound(nameOrAlias);
        }
        return c;
    }

    synchronized boolean exists(String name) {
        return collections.containsKey(name) || aliases.containsKey(name);
    }

    synchronized List<String> names() {
        return new ArrayList<>(collections.keySet());
    }

    void create(CreateCollection request) {
        String name = request.getCollectionName();
        Validation v = new Validation().name("collection_name", name);
        Map<String, VectorSpace> spaces = spaces(request, v);
        v.check();
        boolean named = request.getVectorsConfig().getConfigCase() != VectorsConfig.ConfigCase.PARAMS;
        CollectionData data = new CollectionData(name, config(request), spaces, named);
        synchronized (this) {
            if (collections.containsKey(name) || aliases.containsKey(name)) {
                throw QdrantErrors.collectionExists(name);
            }
            data.journal(journal);
            collections.put(name, data);
            journal.collection(data.definition());
            journal.sync();
        }
    }

    /** The vector spaces a collection definition declares. */
    static Map<String, VectorSpace> spaces(CreateCollection request, Validation v) {
        Map<String, VectorSpace> spaces = new java.util.concurrent.ConcurrentSkipListMap<>();
        VectorsConfig vectors = request.getVectorsConfig();
        switch (vectors.getConfigCase()) {
            case PARAMS:
                addSpace(spaces, "", vectors.getParams(), "vectors_config", v);
                break;
            case PARAMS_MAP:
                for (Map.Entry<String, VectorParams> e : new TreeMap<>(vectors.getParamsMap().getMapMap()).entrySet()) {
                    addSpace(spaces, e.getKey(), e.getValue(), "vectors_config." + e.getKey(), v);
                }
                break;
            default:
                break;
        }
        for (Map.Entry<String, io.qdrant.client.grpc.Collections.SparseVectorParams> e
                : new TreeMap<>(request.getSparseVectorsConfig().getMapMap()).entrySet()) {
            if (spaces.containsKey(e.getKey())) {
                v.error("sparse_vectors_config." + e.getKey(), "name is already used by a dense vector");
            }
            spaces.put(e.getKey(), sparseSpace(e.getKey(), e.getValue()));
        }
        return spaces;
    }

    static VectorSpace sparseSpace(String name, io.qdrant.client.grpc.Collections.SparseVectorParams params) {
        return new VectorSpace(name, 0, Distance.Dot, VectorSpace.Kind.SPARSE,
                params.hasModifier() && params.getModifier() == io.qdrant.client.grpc.Collections.Modifier.Idf);
    }

    static VectorSpace space(String name, VectorParams params, String field, Validation v) {
        Map<String, VectorSpace> one = new TreeMap<>();
        addSpace(one, name, params, field, v);
        return one.get(name);
    }

    private static void addSpace(Map<String, VectorSpace> spaces, String name, VectorParams params, String field,
            Validation v) {
        v.range(field + ".size", params.getSize(), 1, MAX_VECTOR_SIZE);
        if (params.getDistance() == Distance.UnknownDistance || params.getDistance() == Distance.UNRECOGNIZED) {
            v.error(field + ".distance", "value invalid, must be one of Cosine, Euclid, Dot, Manhattan");
        }
        spaces.put(name, new VectorSpace(name, (int) Math.min(params.getSize(), MAX_VECTOR_SIZE), params.getDistance(),
                params.hasMultivectorConfig() ? VectorSpace.Kind.MULTI : VectorSpace.Kind.DENSE, false));
    }

    /** The configuration Qdrant reports: the request's settings over Qdrant's defaults. */
    static CollectionConfig config(CreateCollection request) {
        CollectionParams.Builder params = CollectionParams.newBuilder()
                .setShardNumber(request.hasShardNumber() ? request.getShardNumber() : 1)
                .setOnDiskPayload(!request.hasOnDiskPayload() || request.getOnDiskPayload())
                .setReplicationFactor(request.hasReplicationFactor() ? request.getReplicationFactor() : 1)
                .setWriteConsistencyFactor(request.hasWriteConsistencyFactor()
                        ? request.getWriteConsistencyFactor() : 1);
        if (request.hasVectorsConfig()) {
            params.setVectorsConfig(request.getVectorsConfig());
        }
        if (request.hasShardingMethod()) {
            params.setShardingMethod(request.getShardingMethod());
        }
        HnswConfigDiff hnsw = HnswConfigDiff.newBuilder().setM(16).setEfConstruct(100).setFullScanThreshold(10000)
                .setMaxIndexingThreads(0).setOnDisk(false)
                .mergeFrom(request.getHnswConfig()).build();
        OptimizersConfigDiff optimizers = OptimizersConfigDiff.newBuilder().setDeletedThreshold(0.2)
                .setVacuumMinVectorNumber(1000).setDefaultSegmentNumber(0).setIndexingThreshold(10000)
                .setFlushIntervalSec(5)
                .mergeFrom(request.getOptimizersConfig()).build();
        WalConfigDiff wal = WalConfigDiff.newBuilder().setWalCapacityMb(32).setWalSegmentsAhead(0)
                .mergeFrom(request.getWalConfig()).build();
        CollectionConfig.Builder config = CollectionConfig.newBuilder().setParams(params).setHnswConfig(hnsw)
                .setOptimizerConfig(optimizers).setWalConfig(wal).putAllMetadata(request.getMetadataMap());
        if (request.hasQuantizationConfig()) {
            config.setQuantizationConfig(request.getQuantizationConfig());
        }
        if (request.hasStrictModeConfig()) {
            config.setStrictModeConfig(request.getStrictModeConfig());
        }
        return config.build();
    }

    /** Deletes a collection and its aliases; false when there was none. */
    boolean delete(String name) {
        new Validation().name("collection_name", name).check();
        synchronized (this) {
            if (collections.remove(name) == null) {
                return false;
            }
            boolean aliased = aliases.values().removeIf(name::equals);
            journal.collectionDropped(name);
            if (aliased) {
                journal.aliases(aliases(null));
            }
            journal.sync();
            return true;
        }
    }

    /** Applies alias operations all-or-nothing, in order. */
    synchronized void updateAliases(List<AliasOperations> actions) {
        Map<String, String> next = new TreeMap<>(aliases);
        for (AliasOperations action : actions) {
            switch (action.getActionCase()) {
                case CREATE_ALIAS: {
                    String collection = action.getCreateAlias().getCollectionName();
                    String alias = action.getCreateAlias().getAliasName();
                    new Validation().name("alias_name", alias).name("collection_name", collection).check();
                    if (!collections.containsKey(collection)) {
                        throw QdrantErrors.collectionNotFound(collection);
                    }
                    if (collections.containsKey(alias)) {
                        throw QdrantErrors.wrongInput("Collection `" + alias + "` already exists!");
                    }
                    next.put(alias, collection);
                    break;
                }
                case DELETE_ALIAS: {
                    String alias = action.getDeleteAlias().getAliasName();
                    if (next.remove(alias) == null) {
                        throw QdrantErrors.notFound("Alias " + alias + " does not exists!");
                    }
                    break;
                }
                case RENAME_ALIAS: {
                    String from = action.getRenameAlias().getOldAliasName();
                    String to = action.getRenameAlias().getNewAliasName();
                    new Validation().name("new_alias_name", to).check();
                    String collection = next.remove(from);
                    if (collection == null) {
                        throw QdrantErrors.notFound("Alias " + from + " does not exists!");
                    }
                    next.put(to, collection);
                    break;
                }
                default:
                    throw QdrantErrors.validation("actions: an alias action must be set");
            }
        }
        aliases.clear();
        aliases.putAll(next);
        journal.aliases(aliases(null));
        journal.sync();
    }

    /** Every alias, or only those of one collection (which must exist). */
    synchronized List<AliasDescription> aliases(String collectionOrNull) {
        if (collectionOrNull != null && !collections.containsKey(collectionOrNull)) {
            throw QdrantErrors.collectionNotFound(collectionOrNull);
        }
        List<AliasDescription> out = new ArrayList<>();
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            if (collectionOrNull == null || collectionOrNull.equals(e.getValue())) {
                out.add(AliasDescription.newBuilder().setAliasName(e.getKey()).setCollectionName(e.getValue()).build());
            }
        }
        return out;
    }
}
