package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionClusterInfoResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.CreateShardKey;
import io.qdrant.client.grpc.Collections.CreateShardKeyRequest;
import io.qdrant.client.grpc.Collections.DeleteShardKey;
import io.qdrant.client.grpc.Collections.DeleteShardKeyRequest;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.ReplicaState;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Collections.ShardKeyDescription;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Collection cluster info and shard keys as a single-node Qdrant answers them; collection updates that apply. */
class ClusterAndUpdateTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantClient client;
    private TestSupport support;

    @BeforeEach
    void setUp() {
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterEach
    void tearDown() {
        support.dropAll();
    }

    @Test
    void clusterInfoShowsOneActiveLocalShardHoldingEveryPoint() throws Exception {
        String c = support.collection("cluster", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, 1f, 0f), point(2, 0f, 1f), point(3, 1f, 1f))));

        CollectionClusterInfoResponse info = get(client.getCollectionClusterInfoAsync(c));

        assertThat(info.getPeerId()).isPositive();
        assertThat(info.getShardCount()).isEqualTo(1);
        assertThat(info.getLocalShardsList()).hasSize(1);
        assertThat(info.getLocalShards(0).getPointsCount()).isEqualTo(3);
        assertThat(info.getLocalShards(0).getState()).isEqualTo(ReplicaState.Active);
        assertThat(info.getRemoteShardsList()).isEmpty();
    }

    @Test
    void shardKeysAreCreatedListedAndDeletedWithCustomSharding() throws Exception {
        String c = TestSupport.uniqueName("shardkeys");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(2)
                        .setDistance(Distance.Dot)))
                .setShardingMethod(ShardingMethod.Custom).build()));
        support.track(c);
        ShardKey key = ShardKey.newBuilder().setKeyword("tenant_a").build();

        get(client.createShardKeyAsync(CreateShardKeyRequest.newBuilder().setCollectionName(c)
                .setRequest(CreateShardKey.newBuilder().setShardKey(key)).build()));

        assertThat(get(client.listShardKeysAsync(c))).extracting(ShardKeyDescription::getKey).containsExactly(key);
        Status twice = statusOf(() -> get(client.createShardKeyAsync(CreateShardKeyRequest.newBuilder()
                .setCollectionName(c).setRequest(CreateShardKey.newBuilder().setShardKey(key)).build())));
        assertThat(twice.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(twice.getDescription()).contains("Shard key \"tenant_a\" already exists");

        get(client.deleteShardKeyAsync(DeleteShardKeyRequest.newBuilder().setCollectionName(c)
                .setRequest(DeleteShardKey.newBuilder().setShardKey(key)).build()));

        assertThat(get(client.listShardKeysAsync(c))).isEmpty();
    }

    @Test
    void aShardKeyOnAnAutoShardedCollectionIsRefused() throws Exception {
        String c = support.collection("autoshard", 2, Distance.Dot);

        Status status = statusOf(() -> get(client.createShardKeyAsync(CreateShardKeyRequest.newBuilder()
                .setCollectionName(c).setRequest(CreateShardKey.newBuilder()
                        .setShardKey(ShardKey.newBuilder().setKeyword("x"))).build())));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("cannot be created with Auto sharding method");
    }

    @Test
    void anUpdateAppliesWhatItChanges() throws Exception {
        String c = support.collection("update", 2, Distance.Dot);

        get(client.updateCollectionAsync(UpdateCollection.newBuilder().setCollectionName(c)
                .setHnswConfig(HnswConfigDiff.newBuilder().setM(32))
                .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(20000))
                .setParams(io.qdrant.client.grpc.Collections.CollectionParamsDiff.newBuilder()
                        .setOnDiskPayload(false))
                .build()));

        CollectionInfo info = get(client.getCollectionInfoAsync(c));
        assertThat(info.getConfig().getHnswConfig().getM()).isEqualTo(32);
        assertThat(info.getConfig().getHnswConfig().getEfConstruct()).as("kept").isEqualTo(100);
        assertThat(info.getConfig().getOptimizerConfig().getIndexingThreshold()).isEqualTo(20000);
        assertThat(info.getConfig().getParams().getOnDiskPayload()).isFalse();
    }
}
