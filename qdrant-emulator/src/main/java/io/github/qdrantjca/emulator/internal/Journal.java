package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.PointStruct;
import java.util.List;

/**
 * The effects of writes, as records: what a snapshot holds (a collection's definition, its indexes and points) and
 * what the storage log appends (the same records plus removals). One vocabulary, so that a snapshot, the log and
 * a restore all go through {@link Dump}. Called under the writing collection's lock, in the order of the effects.
 */
interface Journal {

    /** A collection was created, or its definition changed (its points stay). */
    void collection(CreateCollection definition);

    void collectionDropped(String collection);

    /** Every alias after a change. */
    void aliases(List<AliasDescription> all);

    void shardKey(String collection, ShardKey key, boolean exists);

    void index(String collection, CreateFieldIndexCollection index);

    void indexDropped(String collection, String field);

    /** A point's whole state after a change, with the shard keys it was written to (empty: none). */
    void point(String collection, PointStruct point, java.util.Set<ShardKey> keys);

    void pointDropped(String collection, PointId id);

    /** Makes what was recorded so far durable (a write acknowledged with wait=true). */
    void sync();

    /** Records nothing (the in-memory emulator). */
    Journal NONE = new Journal() {
        @Override
        public void collection(CreateCollection definition) {
        }

        @Override
        public void collectionDropped(String collection) {
        }

        @Override
        public void aliases(List<AliasDescription> all) {
        }

        @Override
        public void shardKey(String collection, ShardKey key, boolean exists) {
        }

        @Override
        public void index(String collection, CreateFieldIndexCollection index) {
        }

        @Override
        public void indexDropped(String collection, String field) {
        }

        @Override
        public void point(String collection, PointStruct point, java.util.Set<ShardKey> keys) {
        }

        @Override
        public void pointDropped(String collection, PointId id) {
        }

        @Override
        public void sync() {
        }
    };
}
