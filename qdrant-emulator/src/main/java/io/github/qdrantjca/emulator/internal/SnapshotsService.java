package io.github.qdrantjca.emulator.internal;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.SnapshotsGrpc;
import io.qdrant.client.grpc.SnapshotsService.CreateFullSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.CreateSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.CreateSnapshotResponse;
import io.qdrant.client.grpc.SnapshotsService.DeleteFullSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.DeleteSnapshotRequest;
import io.qdrant.client.grpc.SnapshotsService.DeleteSnapshotResponse;
import io.qdrant.client.grpc.SnapshotsService.ListFullSnapshotsRequest;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsRequest;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsResponse;

/** {@code qdrant.Snapshots}: create, list and delete snapshots of one collection or of the whole storage. */
public final class SnapshotsService extends SnapshotsGrpc.SnapshotsImplBase {

    private final Snapshots snapshots;

    /** Serves {@code snapshots}. */
    public SnapshotsService(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public void create(CreateSnapshotRequest request, StreamObserver<CreateSnapshotResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> CreateSnapshotResponse.newBuilder()
                .setSnapshotDescription(snapshots.create(request.getCollectionName())).setTime(Unary.since(start))
                .build());
    }

    @Override
    public void list(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> ListSnapshotsResponse.newBuilder()
                .addAllSnapshotDescriptions(snapshots.list(request.getCollectionName())).setTime(Unary.since(start))
                .build());
    }

    @Override
    public void delete(DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            snapshots.delete(request.getCollectionName(), request.getSnapshotName());
            return DeleteSnapshotResponse.newBuilder().setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void createFull(CreateFullSnapshotRequest request, StreamObserver<CreateSnapshotResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> CreateSnapshotResponse.newBuilder()
                .setSnapshotDescription(snapshots.createFull()).setTime(Unary.since(start)).build());
    }

    @Override
    public void listFull(ListFullSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> ListSnapshotsResponse.newBuilder()
                .addAllSnapshotDescriptions(snapshots.listFull()).setTime(Unary.since(start)).build());
    }

    @Override
    public void deleteFull(DeleteFullSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            snapshots.deleteFull(request.getSnapshotName());
            return DeleteSnapshotResponse.newBuilder().setTime(Unary.since(start)).build();
        });
    }
}
