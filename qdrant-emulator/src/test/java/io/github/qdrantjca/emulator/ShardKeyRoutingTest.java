package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.CreateShardKey;
import io.qdrant.client.grpc.Collections.CreateShardKeyRequest;
import io.qdrant.client.grpc.Collections.DeleteShardKey;
import io.qdrant.client.grpc.Collections.DeleteShardKeyRequest;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ShardKeySelector;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shard-key routing on a single node: points written with a shard key selector land in that key, a read with a
 * selector sees only those points (without one, every key), and unknown or missing keys get Qdrant's answers.
 */
class ShardKeyRoutingTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static final ShardKey RED = ShardKey.newBuilder().setKeyword("red").build();
    static final ShardKey BLUE = ShardKey.newBuilder().setKeyword("blue").build();

    static QdrantClient client;
    static TestSupport support;
    String c;

    @BeforeAll
    static void connect() {
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterAll
    static void cleanUp() {
        support.dropAll();
    }

    /** A custom-sharded collection with keys red (points 1, 2) and blue (point 3). */
    @BeforeEach
    void twoKeys() throws Exception {
        c = TestSupport.uniqueName("sharded");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(2)
                        .setDistance(Distance.Dot)))
                .setShardingMethod(ShardingMethod.Custom).build()));
        support.track(c);
        for (ShardKey key : List.of(RED, BLUE)) {
            get(client.createShardKeyAsync(CreateShardKeyRequest.newBuilder().setCollectionName(c)
                    .setRequest(CreateShardKey.newBuilder().setShardKey(key)).build()));
        }
        get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .setShardKeySelector(selector(RED)).addPoints(point(1, 1, 0)).addPoints(point(2, 0.5f, 0)).build()));
        get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .setShardKeySelector(selector(BLUE)).addPoints(point(3, 2, 0)).build()));
    }

    private static ShardKeySelector selector(ShardKey... keys) {
        return ShardKeySelector.newBuilder().addAllShardKeys(List.of(keys)).build();
    }

    private List<Long> nearestIds(ShardKeySelector selector) throws Exception {
        QueryPoints.Builder query = QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(1f, 0f)).setLimit(10);
        if (selector != null) {
            query.setShardKeySelector(selector);
        }
        return get(client.queryAsync(query.build())).stream().map(ScoredPoint::getId).map(PointId::getNum).toList();
    }

    private long count(ShardKeySelector selector) throws Exception {
        return get(client.grpcClient().points().count(CountPoints.newBuilder().setCollectionName(c)
                .setExact(true).setShardKeySelector(selector).build())).getResult().getCount();
    }

    @Test
    void aReadWithASelectorSeesOnlyThePointsOfItsKeys() throws Exception {
        assertThat(nearestIds(selector(RED))).containsExactly(1L, 2L);
        assertThat(nearestIds(selector(BLUE))).containsExactly(3L);
        assertThat(nearestIds(selector(RED, BLUE))).containsExactly(3L, 1L, 2L);
        assertThat(count(selector(RED))).isEqualTo(2);
        assertThat(get(client.grpcClient().points().get(GetPoints.newBuilder().setCollectionName(c)
                .addIds(PointIdFactory.id(1)).addIds(PointIdFactory.id(3)).setShardKeySelector(selector(BLUE))
                .build())).getResultList()).extracting(p -> p.getId().getNum()).containsExactly(3L);
    }

    @Test
    void aReadWithoutASelectorSeesEveryKey() throws Exception {
        assertThat(nearestIds(null)).containsExactly(3L, 1L, 2L);
        assertThat(get(client.countAsync(c))).isEqualTo(3);
    }

    @Test
    void aWriteWithASelectorTouchesOnlyThePointsOfItsKeys() throws Exception {
        get(client.grpcClient().points().delete(io.qdrant.client.grpc.Points.DeletePoints.newBuilder()
                .setCollectionName(c).setWait(true).setShardKeySelector(selector(BLUE))
                .setPoints(io.qdrant.client.grpc.Points.PointsSelector.newBuilder().setPoints(
                        io.qdrant.client.grpc.Points.PointsIdsList.newBuilder().addIds(PointIdFactory.id(1))
                                .addIds(PointIdFactory.id(3)))).build()));

        assertThat(nearestIds(null)).containsExactly(1L, 2L);
    }

    @Test
    void deletingAShardKeyDropsItsPoints() throws Exception {
        get(client.deleteShardKeyAsync(DeleteShardKeyRequest.newBuilder().setCollectionName(c)
                .setRequest(DeleteShardKey.newBuilder().setShardKey(RED)).build()));

        assertThat(nearestIds(null)).containsExactly(3L);
    }

    @Test
    void unknownAndMissingKeysGetQdrantsErrors() {
        Status unknownRead = statusOf(() -> nearestIds(selector(ShardKey.newBuilder().setKeyword("green").build())));
        assertThat(unknownRead.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknownRead.getDescription()).contains("Shard key \"green\" not found");

        Status unknownWrite = statusOf(() -> get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c)
                .setWait(true).setShardKeySelector(selector(ShardKey.newBuilder().setNumber(7).build()))
                .addPoints(point(9, 1, 1)).build())));
        assertThat(unknownWrite.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknownWrite.getDescription()).contains("Shard key 7 not found");

        Status missing = statusOf(() -> get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c)
                .setWait(true).addPoints(point(9, 1, 1)).build())));
        assertThat(missing.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(missing.getDescription()).contains("Shard key not specified");
    }

    @Test
    void replicatePointsCopiesTheMatchingPointsOfOneKeyIntoAnother() throws Exception {
        get(client.grpcClient().collections().updateCollectionClusterSetup(
                io.qdrant.client.grpc.Collections.UpdateCollectionClusterSetupRequest.newBuilder()
                        .setCollectionName(c).setReplicatePoints(io.qdrant.client.grpc.Collections.ReplicatePoints
                                .newBuilder().setFromShardKey(RED).setToShardKey(BLUE)
                                .setFilter(io.qdrant.client.grpc.Common.Filter.newBuilder().addMust(
                                        io.qdrant.client.ConditionFactory.hasId(List.of(PointIdFactory.id(1))))))
                        .build()));

        // a transfer: wait until the copy shows in the target key
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> nearestIds(selector(BLUE)).equals(List.of(3L, 1L)));
        assertThat(nearestIds(selector(RED))).containsExactly(1L, 2L);
    }

    @Test
    void aFallbackKeyTakesTheWriteWhenTheTargetKeyDoesNotExist() throws Exception {
        get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .setShardKeySelector(ShardKeySelector.newBuilder()
                        .addShardKeys(ShardKey.newBuilder().setKeyword("green")).setFallback(BLUE))
                .addPoints(point(4, 3, 0)).build()));

        assertThat(nearestIds(selector(BLUE))).containsExactly(4L, 3L);
    }
}
