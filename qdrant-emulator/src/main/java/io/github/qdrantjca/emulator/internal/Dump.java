package io.github.qdrantjca.emulator.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.PointStruct;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's file format for snapshots and the storage log: a header, then records of {@link Journal}
 * effects, each {@code kind (1 byte), collection name (UTF), payload length (int), payload (a protobuf message of
 * the Qdrant API, or a UTF string)}. A record cut short at the end (a crash mid-write) ends the reading silently:
 * what was not completely written was never acknowledged as durable.
 */
final class Dump {

    static final String MAGIC = "qdrant-emulator-dump-1";

    private static final int COLLECTION = 1;
    private static final int COLLECTION_DROPPED = 2;
    private static final int ALIASES = 3;
    private static final int SHARD_KEY_ADDED = 4;
    private static final int SHARD_KEY_DROPPED = 5;
    private static final int INDEX = 6;
    private static final int INDEX_DROPPED = 7;
    private static final int POINT = 8;
    private static final int POINT_DROPPED = 9;
    /** A point written to shard keys: an upsert of that one point with its shard key selector. */
    private static final int POINT_IN_SHARDS = 10;

    private Dump() {
    }

    /** A journal writing records to {@code out} (after the header); {@code sync} is what makes them durable. */
    static Journal writer(OutputStream out, Runnable sync) {
        DataOutputStream data = new DataOutputStream(out);
        try {
            data.writeUTF(MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Writer(data, sync);
    }

    /** Replays the records of {@code in} into {@code sink}; false when the stream is not a dump. */
    static boolean read(InputStream in, Journal sink) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (!MAGIC.equals(data.readUTF())) {
                return false;
            }
        } catch (EOFException | java.io.UTFDataFormatException e) {
            return false;
        }
        while (true) {
            int kind = data.read();
            if (kind < 0) {
                return true;
            }
            String collection;
            byte[] payload;
            try {
                collection = data.readUTF();
                payload = new byte[data.readInt()];
                data.readFully(payload);
            } catch (EOFException torn) {
                return true;
            }
            apply(kind, collection, payload, sink);
        }
    }

    private static void apply(int kind, String collection, byte[] payload, Journal sink)
            throws InvalidProtocolBufferException {
        switch (kind) {
            case COLLECTION:
                sink.collection(CreateCollection.parseFrom(payload));
                break;
            case COLLECTION_DROPPED:
                sink.collectionDropped(collection);
                break;
            case ALIASES: {
                List<AliasDescription> all = new ArrayList<>();
                io.qdrant.client.grpc.Collections.ListAliasesResponse list =
                        io.qdrant.client.grpc.Collections.ListAliasesResponse.parseFrom(payload);
                all.addAll(list.getAliasesList());
                sink.aliases(all);
                break;
            }
            case SHARD_KEY_ADDED:
            case SHARD_KEY_DROPPED:
                sink.shardKey(collection, ShardKey.parseFrom(payload), kind == SHARD_KEY_ADDED);
                break;
            case INDEX:
                sink.index(collection, CreateFieldIndexCollection.parseFrom(payload));
                break;
            case INDEX_DROPPED:
                sink.indexDropped(collection, new String(payload, StandardCharsets.UTF_8));
                break;
            case POINT:
                sink.point(collection, PointStruct.parseFrom(payload), java.util.Set.of());
                break;
            case POINT_IN_SHARDS: {
                io.qdrant.client.grpc.Points.UpsertPoints upsert =
                        io.qdrant.client.grpc.Points.UpsertPoints.parseFrom(payload);
                sink.point(collection, upsert.getPoints(0),
                        java.util.Set.copyOf(upsert.getShardKeySelector().getShardKeysList()));
                break;
            }
            case POINT_DROPPED:
                sink.pointDropped(collection, PointId.parseFrom(payload));
                break;
            default:
                throw new InvalidProtocolBufferException("unknown record kind " + kind);
        }
    }

    private static final class Writer implements Journal {
        private final DataOutputStream out;
        private final Runnable sync;

        Writer(DataOutputStream out, Runnable sync) {
            this.out = out;
            this.sync = sync;
        }

        private synchronized void record(int kind, String collection, byte[] payload) {
            try {
                // one write per record, so a crash cuts at most the last record short
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(payload.length + 64);
                DataOutputStream b = new DataOutputStream(buffer);
                b.write(kind);
                b.writeUTF(collection);
                b.writeInt(payload.length);
                b.write(payload);
                buffer.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void collection(CreateCollection definition) {
            record(COLLECTION, definition.getCollectionName(), definition.toByteArray());
        }

        @Override
        public void collectionDropped(String collection) {
            record(COLLECTION_DROPPED, collection, new byte[0]);
        }

        @Override
        public void aliases(List<AliasDescription> all) {
            record(ALIASES, "", io.qdrant.client.grpc.Collections.ListAliasesResponse.newBuilder().addAllAliases(all)
                    .build().toByteArray());
        }

        @Override
        public void shardKey(String collection, ShardKey key, boolean exists) {
            record(exists ? SHARD_KEY_ADDED : SHARD_KEY_DROPPED, collection, key.toByteArray());
        }

        @Override
        public void index(String collection, CreateFieldIndexCollection index) {
            record(INDEX, collection, index.toByteArray());
        }

        @Override
        public void indexDropped(String collection, String field) {
            record(INDEX_DROPPED, collection, field.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void point(String collection, PointStruct point, java.util.Set<ShardKey> keys) {
            if (keys.isEmpty()) {
                record(POINT, collection, point.toByteArray());
            } else {
                record(POINT_IN_SHARDS, collection, io.qdrant.client.grpc.Points.UpsertPoints.newBuilder()
                        .setCollectionName(collection).addPoints(point)
                        .setShardKeySelector(io.qdrant.client.grpc.Points.ShardKeySelector.newBuilder()
                                .addAllShardKeys(keys))
                        .build().toByteArray());
            }
        }

        @Override
        public void pointDropped(String collection, PointId id) {
            record(POINT_DROPPED, collection, id.toByteArray());
        }

        @Override
        public synchronized void sync() {
            sync.run();
        }
    }
}
