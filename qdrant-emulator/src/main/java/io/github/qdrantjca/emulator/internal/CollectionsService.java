package io.github.qdrantjca.emulator.internal;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.ChangeAliases;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListAliasesRequest;
import io.qdrant.client.grpc.Collections.ListAliasesResponse;
import io.qdrant.client.grpc.Collections.ListCollectionAliasesRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.CollectionClusterInfoRequest;
import io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse;
import io.qdrant.client.grpc.Collections.CreateShardKeyRequest;
import io.qdrant.client.grpc.Collections.CreateShardKeyResponse;
import io.qdrant.client.grpc.Collections.DeleteShardKeyRequest;
import io.qdrant.client.grpc.Collections.DeleteShardKeyResponse;
import io.qdrant.client.grpc.Collections.ListShardKeysRequest;
import io.qdrant.client.grpc.Collections.ListShardKeysResponse;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Collections.ShardKeyDescription;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupRequest;
import io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupResponse;
import io.qdrant.client.grpc.CollectionsGrpc;

/** {@code qdrant.Collections}: create, get, list, exists, delete, update, aliases, cluster info and shard keys. */
public final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {

    private final Storage storage;

    /** Serves the collections of {@code storage}. */
    public CollectionsService(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            return GetCollectionInfoResponse.newBuilder()
                    .setResult(storage.collection(request.getCollectionName()).info())
                    .setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            ListCollectionsResponse.Builder reply = ListCollectionsResponse.newBuilder();
            for (String name : storage.names()) {
                reply.addCollections(CollectionDescription.newBuilder().setName(name));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            storage.create(request);
            return ok(true, start);
        });
    }

    @Override
    public void update(UpdateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            CollectionData c = storage.collection(request.getCollectionName());
            c.reconfigure(CollectionUpdate.apply(c.config(), request));
            return ok(true, start);
        });
    }

    @Override
    public void collectionClusterInfo(CollectionClusterInfoRequest request,
            StreamObserver<CollectionClusterInfoResponse> observer) {
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            return storage.collection(request.getCollectionName()).clusterInfo(storage.peerId());
        });
    }

    @Override
    public void createShardKey(CreateShardKeyRequest request, StreamObserver<CreateShardKeyResponse> observer) {
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            shardKey(request.getCollectionName(), request.getRequest().getShardKey(), true);
            return CreateShardKeyResponse.newBuilder().setResult(true).build();
        });
    }

    @Override
    public void deleteShardKey(DeleteShardKeyRequest request, StreamObserver<DeleteShardKeyResponse> observer) {
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            shardKey(request.getCollectionName(), request.getRequest().getShardKey(), false);
            return DeleteShardKeyResponse.newBuilder().setResult(true).build();
        });
    }

    @Override
    public void listShardKeys(ListShardKeysRequest request, StreamObserver<ListShardKeysResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            ListShardKeysResponse.Builder reply = ListShardKeysResponse.newBuilder();
            for (ShardKey key : storage.collection(request.getCollectionName()).shardKeys()) {
                reply.addShardKeys(ShardKeyDescription.newBuilder().setKey(key));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void updateCollectionClusterSetup(UpdateCollectionClusterSetupRequest request,
            StreamObserver<UpdateCollectionClusterSetupResponse> observer) {
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            switch (request.getOperationCase()) {
                case CREATE_SHARD_KEY:
                    shardKey(request.getCollectionName(), request.getCreateShardKey().getShardKey(), true);
                    break;
                case DELETE_SHARD_KEY:
                    shardKey(request.getCollectionName(), request.getDeleteShardKey().getShardKey(), false);
                    break;
                case REPLICATE_POINTS:
                    replicatePoints(storage.collection(request.getCollectionName()), request.getReplicatePoints());
                    break;
                default:
                    storage.collection(request.getCollectionName());
                    throw QdrantErrors.unsupported("cluster operations that need several nodes ("
                            + request.getOperationCase() + ")");
            }
            return UpdateCollectionClusterSetupResponse.newBuilder().setResult(true).build();
        });
    }

    /**
     * Replicate points between two shard keys of this node: the points of the source key (those matching the filter)
     * are copied into the target key. Qdrant's checks: both keys given and existing, the source with one shard.
     */
    private static void replicatePoints(CollectionData c, io.qdrant.client.grpc.Collections.ReplicatePoints op) {
        if (!op.hasFromShardKey() || op.getFromShardKey().getKeyCase() == ShardKey.KeyCase.KEY_NOT_SET) {
            throw io.grpc.Status.INVALID_ARGUMENT.withDescription("from_shard_key is not specified")
                    .asRuntimeException();
        }
        if (!op.hasToShardKey() || op.getToShardKey().getKeyCase() == ShardKey.KeyCase.KEY_NOT_SET) {
            throw io.grpc.Status.INVALID_ARGUMENT.withDescription("to_shard_key is not specified")
                    .asRuntimeException();
        }
        java.util.List<ShardKey> keys = c.shardKeys();
        for (ShardKey key : java.util.List.of(op.getFromShardKey(), op.getToShardKey())) {
            if (!keys.contains(key)) {
                throw QdrantErrors.badRequest("Shard key " + ShardRouting.shown(key) + " not found");
            }
        }
        int shards = Math.max(1, c.config().getParams().getShardNumber());
        if (shards != 1) {
            throw QdrantErrors.badRequest("Only replicating from shard keys with exactly one shard is supported. "
                    + "Shard key " + ShardRouting.shown(op.getFromShardKey()) + " has " + shards + " shards");
        }
        c.replicatePoints(op.getFromShardKey(), op.getToShardKey(), op.hasFilter() ? op.getFilter() : null);
    }

    /** Qdrant's rules: shard keys exist only with custom sharding; creating one twice is an error, deleting a missing one is not. */
    private void shardKey(String collection, ShardKey key, boolean create) {
        CollectionData c = storage.collection(collection);
        String shown = key.hasKeyword() ? "\"" + key.getKeyword() + "\"" : Long.toUnsignedString(key.getNumber());
        if (c.config().getParams().getShardingMethod() != ShardingMethod.Custom) {
            throw QdrantErrors.badRequest("Shard Key " + shown + " cannot be " + (create ? "created" : "removed")
                    + " with Auto sharding method");
        }
        if (key.getKeyCase() == ShardKey.KeyCase.KEY_NOT_SET) {
            throw QdrantErrors.validation("shard_key: must be set");
        }
        if (!c.shardKey(key, create) && create) {
            throw QdrantErrors.badRequest("Shard key " + shown + " already exists");
        }
    }

    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> ok(storage.delete(request.getCollectionName()), start));
    }

    @Override
    public void updateAliases(ChangeAliases request, StreamObserver<CollectionOperationResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            storage.updateAliases(request.getActionsList());
            return ok(true, start);
        });
    }

    @Override
    public void listCollectionAliases(ListCollectionAliasesRequest request,
            StreamObserver<ListAliasesResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            return ListAliasesResponse.newBuilder().addAllAliases(storage.aliases(request.getCollectionName()))
                    .setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void listAliases(ListAliasesRequest request, StreamObserver<ListAliasesResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> ListAliasesResponse.newBuilder().addAllAliases(storage.aliases(null))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            new Validation().name("collection_name", request.getCollectionName()).check();
            return CollectionExistsResponse.newBuilder()
                    .setResult(CollectionExists.newBuilder().setExists(storage.exists(request.getCollectionName())))
                    .setTime(Unary.since(start)).build();
        });
    }

    private static CollectionOperationResponse ok(boolean result, long start) {
        return CollectionOperationResponse.newBuilder().setResult(result).setTime(Unary.since(start)).build();
    }
}
