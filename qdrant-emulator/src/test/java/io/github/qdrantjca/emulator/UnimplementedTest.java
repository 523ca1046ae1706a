package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.MoveShard;
import io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupRequest;
import io.qdrant.client.grpc.QdrantInternalGrpc;
import io.qdrant.client.grpc.QdrantInternalService.GetConsensusCommitRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the emulator leaves out answers UNIMPLEMENTED: the cluster-internal services and the cluster operations that
 * need several nodes (a real Qdrant implements these: emulator only).
 */
class UnimplementedTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void internalServicesAnswerUnimplemented() throws Exception {
        QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();

        Status internal = statusOf(() -> get(QdrantInternalGrpc.newFutureStub(client.grpcClient().channel())
                .getConsensusCommit(GetConsensusCommitRequest.getDefaultInstance())));

        assertThat(internal.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(internal.getDescription()).contains("qdrant.QdrantInternal/GetConsensusCommit");
    }

    @Test
    void callsToUnknownMethodsAreCounted() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        long before = emulator.callCount();

        statusOf(() -> get(QdrantInternalGrpc.newFutureStub(client.grpcClient().channel())
                .getConsensusCommit(GetConsensusCommitRequest.getDefaultInstance())));

        assertThat(emulator.callCount()).isEqualTo(before + 1);
    }

    @Test
    void clusterOperationsThatNeedSeveralNodesAnswerUnimplemented() throws Exception {
        QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        String c = new TestSupport(client).collection("unimpl_move", 2, Distance.Dot);

        Status move = statusOf(() -> get(client.updateCollectionClusterSetupAsync(
                UpdateCollectionClusterSetupRequest.newBuilder().setCollectionName(c)
                        .setMoveShard(MoveShard.newBuilder().setShardId(0).setFromPeerId(1).setToPeerId(2)).build())));

        assertThat(move.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(move.getDescription())
                .isEqualTo("Qdrant emulator does not support cluster operations that need several nodes (MOVE_SHARD)");
    }
}
