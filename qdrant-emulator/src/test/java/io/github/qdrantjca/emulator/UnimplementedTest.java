package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.DiscoverPoints;
import io.qdrant.client.grpc.SnapshotsService.ListSnapshotsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the emulator leaves out answers UNIMPLEMENTED (a real Qdrant implements these: emulator only). */
class UnimplementedTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void methodsOutsideTheEmulatorAnswerUnimplemented() throws Exception {
        QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        String c = new TestSupport(client).collection("unimpl", 2, Distance.Dot);

        Status discover = statusOf(() -> get(client.grpcClient().points().discover(DiscoverPoints.newBuilder()
                .setCollectionName(c).setLimit(1).build())));
        Status snapshots = statusOf(() -> get(client.grpcClient().snapshots().list(ListSnapshotsRequest.newBuilder()
                .setCollectionName(c).build())));

        assertThat(discover.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(discover.getDescription()).contains("qdrant.Points/Discover");
        assertThat(snapshots.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(snapshots.getDescription()).contains("qdrant.Snapshots/List");
    }

    @Test
    void callsToUnknownMethodsAreCounted() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        long before = emulator.callCount();

        statusOf(() -> get(client.grpcClient().snapshots().listFull(
                io.qdrant.client.grpc.SnapshotsService.ListFullSnapshotsRequest.getDefaultInstance())));

        assertThat(emulator.callCount()).isEqualTo(before + 1);
    }

    @Test
    void unsupportedFeaturesOfImplementedMethodsAnswerUnimplemented() throws Exception {
        QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        String c = new TestSupport(client).collection("unimpl_geo", 2, Distance.Dot);

        Status geo = statusOf(() -> get(client.countAsync(c, io.qdrant.client.grpc.Common.Filter.newBuilder()
                .addMust(io.qdrant.client.ConditionFactory.geoRadius("loc", 1, 2, 3f)).build(), true)));

        assertThat(geo.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(geo.getDescription()).isEqualTo("Qdrant emulator does not support geo conditions");
    }
}
