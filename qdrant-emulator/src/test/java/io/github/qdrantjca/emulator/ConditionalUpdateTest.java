package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.PointsUpdateOperation;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpdatePointVectors;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conditional upserts as Qdrant 1.18 defines them: {@code update_filter} (existing points that do not match keep
 * their state, new points are inserted regardless) and {@code update_mode} (insert only, update only), on upsert,
 * update vectors and in an update batch.
 */
class ConditionalUpdateTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

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

    /** Points 1 (version "old") and 2 (version "new"), vectors [1, 0] and [0, 1]. */
    @BeforeEach
    void twoPoints() throws Exception {
        c = support.collection("conditional", 2, Distance.Dot);
        get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true).addAllPoints(List.of(
                point(1, new float[] {1, 0}, Map.of("version", value("old"))),
                point(2, new float[] {0, 1}, Map.of("version", value("new"))))).build()));
    }

    private static Filter versionIs(String version) {
        return Filter.newBuilder().addMust(matchKeyword("version", version)).build();
    }

    private UpsertPoints.Builder upsertOf1To3(String version) {
        return UpsertPoints.newBuilder().setCollectionName(c).setWait(true).addAllPoints(List.of(
                point(1, new float[] {5, 5}, Map.of("version", value(version))),
                point(2, new float[] {5, 5}, Map.of("version", value(version))),
                point(3, new float[] {5, 5}, Map.of("version", value(version)))));
    }

    /** The "version" payload of each existing point, by id. */
    private Map<Long, String> versions() throws Exception {
        List<RetrievedPoint> points = get(client.retrieveAsync(c, List.of(PointIdFactory.id(1),
                PointIdFactory.id(2), PointIdFactory.id(3)), true, false, null));
        Map<Long, String> out = new TreeMap<>();
        for (RetrievedPoint p : points) {
            out.put(p.getId().getNum(), p.getPayloadMap().get("version").getStringValue());
        }
        return out;
    }

    @Test
    void anUpdateFilterLeavesExistingPointsThatDoNotMatchAndInsertsNewOnes() throws Exception {
        get(client.upsertAsync(upsertOf1To3("newer").setUpdateFilter(versionIs("old")).build()));

        assertThat(versions()).isEqualTo(Map.of(1L, "newer", 2L, "new", 3L, "newer"));
    }

    @Test
    void insertOnlyLeavesEveryExistingPoint() throws Exception {
        get(client.upsertAsync(upsertOf1To3("newer").setUpdateMode(UpdateMode.InsertOnly).build()));

        assertThat(versions()).isEqualTo(Map.of(1L, "old", 2L, "new", 3L, "newer"));
    }

    @Test
    void updateOnlyInsertsNothingAndWithAFilterUpdatesOnlyMatchingPoints() throws Exception {
        get(client.upsertAsync(upsertOf1To3("newer").setUpdateMode(UpdateMode.UpdateOnly)
                .setUpdateFilter(versionIs("new")).build()));

        assertThat(versions()).isEqualTo(Map.of(1L, "old", 2L, "newer"));

        get(client.upsertAsync(upsertOf1To3("newest").setUpdateMode(UpdateMode.UpdateOnly).build()));

        assertThat(versions()).isEqualTo(Map.of(1L, "newest", 2L, "newest"));
    }

    @Test
    void updateVectorsWithAFilterChangesOnlyMatchingPoints() throws Exception {
        get(client.updateVectorsAsync(UpdatePointVectors.newBuilder().setCollectionName(c).setWait(true)
                .addAllPoints(List.of(
                        PointVectors.newBuilder().setId(PointIdFactory.id(1))
                                .setVectors(VectorsFactory.vectors(7f, 7f)).build(),
                        PointVectors.newBuilder().setId(PointIdFactory.id(2))
                                .setVectors(VectorsFactory.vectors(7f, 7f)).build()))
                .setUpdateFilter(versionIs("old")).build()));

        List<RetrievedPoint> points = get(client.grpcClient().points().get(GetPoints.newBuilder()
                .setCollectionName(c).addIds(PointIdFactory.id(1)).addIds(PointIdFactory.id(2))
                .setWithPayload(WithPayloadSelector.newBuilder().setEnable(false))
                .setWithVectors(WithVectorsSelectorFactory.enable(true)).build())).getResultList();
        Map<Long, List<Float>> vectors = new TreeMap<>();
        for (RetrievedPoint p : points) {
            vectors.put(p.getId().getNum(), p.getVectors().getVector().getDense().getDataList());
        }
        assertThat(vectors).isEqualTo(Map.of(1L, List.of(7f, 7f), 2L, List.of(0f, 1f)));
    }

    @Test
    void anUpdateBatchUpsertHonoursTheModeAndTheFilter() throws Exception {
        UpsertPoints points = upsertOf1To3("newer").build();
        get(client.batchUpdateAsync(c, List.of(PointsUpdateOperation.newBuilder().setUpsert(
                        PointsUpdateOperation.PointStructList.newBuilder().addAllPoints(points.getPointsList())
                                .setUpdateMode(UpdateMode.UpdateOnly).setUpdateFilter(versionIs("old"))).build()),
                true, null, null));

        assertThat(versions()).isEqualTo(Map.of(1L, "newer", 2L, "new"));
    }
}
