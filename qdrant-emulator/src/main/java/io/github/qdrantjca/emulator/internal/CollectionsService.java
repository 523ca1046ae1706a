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
import io.qdrant.client.grpc.CollectionsGrpc;

/** {@code qdrant.Collections}: create, get, list, exists, delete, update (accepted) and aliases. */
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
            storage.collection(request.getCollectionName());
            return ok(true, start);
        });
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
