package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;
import static io.qdrant.client.WithPayloadSelectorFactory.exclude;
import static io.qdrant.client.WithPayloadSelectorFactory.include;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointVectors;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PointsTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static QdrantClient client;
    static TestSupport support;

    @BeforeAll
    static void connect() {
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterAll
    static void cleanUp() {
        support.dropAll();
    }

    private static List<Float> floats(RetrievedPoint p) {
        return io.qdrant.client.VectorOutputHelper.getDenseVector(p.getVectors().getVector()).getDataList();
    }

    private static RetrievedPoint one(String collection, long id) throws Exception {
        List<RetrievedPoint> found = get(client.retrieveAsync(collection, List.of(id(id)), true, true, null));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void upsertWithWaitCompletesAndPointsCanBeRetrievedWithPayloadAndVector() throws Exception {
        String c = support.collection("upsert", 3, Distance.Dot);

        UpdateResult result = get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName(c).setWait(true)
                .addPoints(point(7, new float[] {1f, 2f, 3f}, Map.of("color", value("red"), "n", value(4))))
                .build()));

        assertThat(result.getStatus()).isEqualTo(UpdateStatus.Completed);
        RetrievedPoint p = one(c, 7);
        assertThat(p.getId().getNum()).isEqualTo(7);
        assertThat(p.getPayloadMap()).isEqualTo(Map.of("color", value("red"), "n", value(4)));
        assertThat(floats(p)).containsExactly(1f, 2f, 3f);
        assertThat(get(client.getCollectionInfoAsync(c)).getPointsCount()).isEqualTo(1);
    }

    @Test
    void uuidIdsAreStoredAndFound() throws Exception {
        String c = support.collection("uuid", 2, Distance.Dot);
        UUID uuid = UUID.fromString("5c56c793-69f3-4fbf-87e6-c4bf54c28c26");

        get(client.upsertAsync(c, List.of(PointStruct.newBuilder().setId(id(uuid)).setVectors(vectors(1f, 1f))
                .putPayload("k", value("v")).build())));

        List<RetrievedPoint> found = get(client.retrieveAsync(c, List.of(id(uuid)), true, false, null));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getId().getUuid()).isEqualTo(uuid.toString());
        assertThat(found.get(0).getPayloadMap()).containsEntry("k", value("v"));
    }

    @Test
    void upsertOfAnExistingIdReplacesPayloadAndVector() throws Exception {
        String c = support.collection("replace", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("a", value(1))))));

        get(client.upsertAsync(c, List.of(point(1, new float[] {0f, 1f}, Map.of("b", value(2))))));

        RetrievedPoint p = one(c, 1);
        assertThat(p.getPayloadMap()).isEqualTo(Map.of("b", value(2)));
        assertThat(floats(p)).containsExactly(0f, 1f);
        assertThat(get(client.countAsync(c))).isEqualTo(1L);
    }

    @Test
    void cosineVectorsAreStoredNormalised() throws Exception {
        String c = support.collection("normalised", 2, Distance.Cosine);

        get(client.upsertAsync(c, List.of(point(1, 3f, 4f))));

        assertThat(floats(one(c, 1))).containsExactly(0.6f, 0.8f);
    }

    @Test
    void payloadAndVectorSelectorsChooseWhatIsReturned() throws Exception {
        String c = support.collection("selectors", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 2f},
                Map.of("a", value(1), "b", value(2), "c", value(3))))));

        RetrievedPoint included = get(client.retrieveAsync(c, List.of(id(1)), include(List.of("a", "c")),
                WithVectorsSelectorFactory.enable(false), null)).get(0);
        RetrievedPoint excluded = get(client.retrieveAsync(c, List.of(id(1)), exclude(List.of("a")),
                WithVectorsSelectorFactory.enable(true), null)).get(0);
        RetrievedPoint none = get(client.retrieveAsync(c, List.of(id(1)), enable(false),
                WithVectorsSelectorFactory.enable(false), null)).get(0);

        assertThat(included.getPayloadMap()).isEqualTo(Map.of("a", value(1), "c", value(3)));
        assertThat(included.hasVectors()).isFalse();
        assertThat(excluded.getPayloadMap()).isEqualTo(Map.of("b", value(2), "c", value(3)));
        assertThat(floats(excluded)).containsExactly(1f, 2f);
        assertThat(none.getPayloadMap()).isEmpty();
    }

    @Test
    void retrievingMissingIdsReturnsOnlyTheExistingOnes() throws Exception {
        String c = support.collection("partial", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, 1f, 0f), point(2, 0f, 1f))));

        List<RetrievedPoint> found = get(client.retrieveAsync(c, List.of(id(2), id(99), id(1)), false, false, null));

        assertThat(found).extracting(p -> p.getId().getNum()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void wrongVectorDimensionIsInvalidArgument() throws Exception {
        String c = support.collection("dim", 4, Distance.Dot);

        Status status = statusOf(() -> get(client.upsertAsync(c, List.of(point(1, 1f, 2f)))));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("Wrong input: Vector dimension error: expected dim: 4, got 2");
        assertThat(get(client.countAsync(c))).isZero();
    }

    @Test
    void upsertIntoAMissingCollectionIsNotFound() {
        String c = TestSupport.uniqueName("nowhere");

        Status status = statusOf(() -> get(client.upsertAsync(c, List.of(point(1, 1f, 2f)))));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + c + "` doesn't exist!");
    }

    @Test
    void deleteByIdsAndByFilter() throws Exception {
        String c = support.collection("delete", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(
                point(1, new float[] {1f, 0f}, Map.of("group", value("a"))),
                point(2, new float[] {1f, 0f}, Map.of("group", value("a"))),
                point(3, new float[] {1f, 0f}, Map.of("group", value("b"))),
                point(4, new float[] {1f, 0f}, Map.of("group", value("b"))))));

        get(client.deleteAsync(c, List.of(id(1), id(99))));
        assertThat(get(client.countAsync(c))).isEqualTo(3L);

        get(client.deleteAsync(c, Filter.newBuilder().addMust(matchKeyword("group", "b")).build()));
        List<RetrievedPoint> left = get(client.retrieveAsync(c, List.of(id(1), id(2), id(3), id(4)), false, false,
                null));
        assertThat(left).extracting(p -> p.getId().getNum()).containsExactly(2L);
    }

    @Test
    void setPayloadMergesAndOverwritePayloadReplaces() throws Exception {
        String c = support.collection("payload", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("a", value(1), "b", value(2))))));

        get(client.setPayloadAsync(c, Map.of("b", value(20), "c", value(30)), id(1), true, null, null));
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("a", value(1), "b", value(20), "c", value(30)));

        get(client.overwritePayloadAsync(c, Map.of("z", value("only")), id(1), true, null, null));
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("z", value("only")));
    }

    @Test
    void setPayloadByFilterTouchesOnlyMatchingPoints() throws Exception {
        String c = support.collection("payload_filter", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("g", value("x"))),
                point(2, new float[] {1f, 0f}, Map.of("g", value("y"))))));

        get(client.setPayloadAsync(c, Map.of("flag", value(true)),
                Filter.newBuilder().addMust(matchKeyword("g", "y")).build(), true, null, null));

        assertThat(one(c, 1).getPayloadMap()).doesNotContainKey("flag");
        assertThat(one(c, 2).getPayloadMap()).containsEntry("flag", value(true));
    }

    @Test
    void deletePayloadRemovesKeysAndClearPayloadRemovesAll() throws Exception {
        String c = support.collection("payload_del", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f},
                Map.of("a", value(1), "b", value(2), "c", value(3))))));

        get(client.deletePayloadAsync(c, List.of("a", "c"), id(1), true, null, null));
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("b", value(2)));

        get(client.clearPayloadAsync(c, id(1), true, null, null));
        assertThat(one(c, 1).getPayloadMap()).isEmpty();
    }

    @Test
    void setPayloadOnAMissingPointIsNotFound() throws Exception {
        String c = support.collection("payload_missing", 2, Distance.Dot);

        Status status = statusOf(() -> get(client.setPayloadAsync(c, Map.of("a", value(1)), id(42), true, null,
                null)));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: No point with id 42 found");
    }

    @Test
    void updateVectorsReplacesTheVectorAndKeepsThePayload() throws Exception {
        String c = support.collection("update_vectors", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("a", value(1))))));

        get(client.updateVectorsAsync(c, List.of(PointVectors.newBuilder().setId(id(1))
                .setVectors(vectors(0.5f, 0.25f)).build())));

        RetrievedPoint p = one(c, 1);
        assertThat(floats(p)).containsExactly(0.5f, 0.25f);
        assertThat(p.getPayloadMap()).isEqualTo(Map.of("a", value(1)));
    }

    @Test
    void updateVectorsOfAMissingPointIsNotFound() throws Exception {
        String c = support.collection("update_missing", 2, Distance.Dot);

        Status status = statusOf(() -> get(client.updateVectorsAsync(c, List.of(PointVectors.newBuilder()
                .setId(id(5)).setVectors(vectors(1f, 1f)).build()))));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: No point with id 5 found");
    }

    @Test
    void namedVectorsAreStoredPerName() throws Exception {
        String c = support.collection("named_points", Map.of(
                "a", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build(),
                "b", VectorParams.newBuilder().setSize(3).setDistance(Distance.Euclid).build()));

        get(client.upsertAsync(c, List.of(PointStruct.newBuilder().setId(id(1)).setVectors(namedVectors(Map.of(
                "a", VectorFactory.vector(1f, 2f), "b", VectorFactory.vector(3f, 4f, 5f)))).build())));

        RetrievedPoint p = get(client.retrieveAsync(c, List.of(id(1)), false, true, null)).get(0);
        Map<String, io.qdrant.client.grpc.Points.VectorOutput> named = p.getVectors().getVectors().getVectorsMap();
        assertThat(io.qdrant.client.VectorOutputHelper.getDenseVector(named.get("a")).getDataList())
                .containsExactly(1f, 2f);
        assertThat(io.qdrant.client.VectorOutputHelper.getDenseVector(named.get("b")).getDataList())
                .containsExactly(3f, 4f, 5f);
    }

    @Test
    void scrollPagesThroughAllPointsInIdOrder() throws Exception {
        String c = support.collection("scroll", 2, Distance.Dot);
        get(client.upsertAsync(c, LongStream.rangeClosed(1, 7).mapToObj(i -> point(i, 1f, (float) i))
                .collect(Collectors.toList())));

        ScrollResponse first = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(3)
                .build()));
        ScrollResponse second = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(3)
                .setOffset(first.getNextPageOffset()).build()));
        ScrollResponse last = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(3)
                .setOffset(second.getNextPageOffset()).build()));

        assertThat(first.getResultList()).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L, 3L);
        assertThat(first.getNextPageOffset().getNum()).isEqualTo(4);
        assertThat(second.getResultList()).extracting(p -> p.getId().getNum()).containsExactly(4L, 5L, 6L);
        assertThat(last.getResultList()).extracting(p -> p.getId().getNum()).containsExactly(7L);
        assertThat(last.hasNextPageOffset()).isFalse();
    }

    @Test
    void scrollWithFilterReturnsOnlyMatchingPoints() throws Exception {
        String c = support.collection("scroll_filter", 2, Distance.Dot);
        get(client.upsertAsync(c, LongStream.rangeClosed(1, 6).mapToObj(i -> point(i, new float[] {1f, 0f},
                Map.of("even", value(i % 2 == 0)))).collect(Collectors.toList())));

        ScrollResponse page = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(10)
                .setFilter(Filter.newBuilder().addMust(io.qdrant.client.ConditionFactory.match("even", true)))
                .build()));

        assertThat(page.getResultList()).extracting(p -> p.getId().getNum()).containsExactly(2L, 4L, 6L);
        assertThat(page.getResult(0).getPayloadMap()).containsEntry("even", value(true));
    }

    @Test
    void countWithAndWithoutFilter() throws Exception {
        String c = support.collection("count", 2, Distance.Dot);
        get(client.upsertAsync(c, LongStream.rangeClosed(1, 10).mapToObj(i -> point(i, new float[] {1f, 0f},
                Map.of("n", value(i)))).collect(Collectors.toList())));

        long all = get(client.countAsync(c));
        long big = get(client.countAsync(c, Filter.newBuilder().addMust(io.qdrant.client.ConditionFactory.range("n",
                io.qdrant.client.grpc.Common.Range.newBuilder().setGte(7).build())).build(), true));

        assertThat(all).isEqualTo(10L);
        assertThat(big).isEqualTo(4L);
    }

    @Test
    void fieldIndexAppearsInThePayloadSchemaAndDisappearsWhenDeleted() throws Exception {
        String c = support.collection("index", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("city", value("Oslo"))),
                point(2, new float[] {1f, 0f}, Map.of("other", value(1))))));

        get(client.createPayloadIndexAsync(c, "city", PayloadSchemaType.Keyword, null, true, null, null));
        Map<String, io.qdrant.client.grpc.Collections.PayloadSchemaInfo> schema =
                get(client.getCollectionInfoAsync(c)).getPayloadSchemaMap();
        assertThat(schema).containsOnlyKeys("city");
        assertThat(schema.get("city").getDataType()).isEqualTo(PayloadSchemaType.Keyword);
        assertThat(schema.get("city").getPoints()).isEqualTo(1);

        get(client.deletePayloadIndexAsync(c, "city", true, null, null));
        assertThat(get(client.getCollectionInfoAsync(c)).getPayloadSchemaMap()).isEmpty();
    }

    @Test
    void nestedPayloadValuesAreReturnedIntact() throws Exception {
        String c = support.collection("nested_payload", 2, Distance.Dot);
        Value nested = value(Map.of("city", value("Berlin"), "zip", value(10115)));
        Value list = io.qdrant.client.ValueFactory.list(List.of(value(1), value(2.5), value("x"),
                io.qdrant.client.ValueFactory.nullValue()));

        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f}, Map.of("address", nested, "mixed", list)))));

        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("address", nested, "mixed", list));
    }

    @Test
    void idsAreNumericAndUuidInTheSameCollection() throws Exception {
        String c = support.collection("mixed_ids", 2, Distance.Dot);
        PointId uuid = id(UUID.fromString("00000000-0000-0000-0000-000000000001"));

        get(client.upsertAsync(c, List.of(point(3, 1f, 0f),
                PointStruct.newBuilder().setId(uuid).setVectors(vectors(1f, 0f)).build(), point(1, 1f, 0f))));

        ScrollResponse page = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c).setLimit(10)
                .build()));
        assertThat(page.getResultList()).extracting(RetrievedPoint::getId).containsExactly(id(1), id(3), uuid);
        assertThat(get(client.countAsync(c))).isEqualTo(3L);
    }

    @Test
    void vectorsAreReturnedWithinFloatPrecision() throws Exception {
        String c = support.collection("precision", 3, Distance.Euclid);
        get(client.upsertAsync(c, List.of(point(1, 0.1f, -2.5f, 1e-3f))));

        List<Float> v = floats(one(c, 1));

        assertThat(v.get(0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(v.get(1)).isCloseTo(-2.5f, within(1e-6f));
        assertThat(v.get(2)).isCloseTo(1e-3f, within(1e-6f));
    }

    @Test
    void setPayloadUnderAKeyMergesIntoTheNestedObjectAndDeletePayloadTakesDottedPaths() throws Exception {
        String c = support.collection("payload_key", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1f, 0f},
                Map.of("address", value(Map.of("city", value("Oslo"), "zip", value(150))))))));

        get(client.setPayloadAsync(c, Map.of("street", value("Main")), io.qdrant.client.grpc.Points.PointsSelector
                .newBuilder().setPoints(io.qdrant.client.grpc.Points.PointsIdsList.newBuilder().addIds(id(1)))
                .build(), true, "address", null, null));
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("address", value(Map.of("city", value("Oslo"),
                "zip", value(150), "street", value("Main")))));

        get(client.deletePayloadAsync(c, List.of("address.zip"), id(1), true, null, null));
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("address", value(Map.of("city", value("Oslo"),
                "street", value("Main")))));
    }

    @Test
    void deletedNamedVectorIsGoneAndHasVectorSeesIt() throws Exception {
        String c = support.collection("delete_vectors", Map.of(
                "a", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build(),
                "b", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build()));
        for (long i = 1; i <= 2; i++) {
            get(client.upsertAsync(c, List.of(PointStruct.newBuilder().setId(id(i)).setVectors(namedVectors(Map.of(
                    "a", VectorFactory.vector(1f, 2f), "b", VectorFactory.vector(3f, 4f)))).build())));
        }

        get(client.deleteVectorsAsync(c, List.of("b"), List.of(id(2))));

        RetrievedPoint p = get(client.retrieveAsync(c, List.of(id(2)), false, true, null)).get(0);
        assertThat(p.getVectors().getVectors().getVectorsMap()).containsOnlyKeys("a");
        assertThat(get(client.countAsync(c, Filter.newBuilder()
                .addMust(io.qdrant.client.ConditionFactory.hasVector("b")).build(), true))).isEqualTo(1L);
    }

    @Test
    void updateBatchAppliesItsOperationsInOrder() throws Exception {
        String c = support.collection("update_batch", 2, Distance.Dot);
        io.qdrant.client.grpc.Points.PointsSelector first = io.qdrant.client.grpc.Points.PointsSelector.newBuilder()
                .setPoints(io.qdrant.client.grpc.Points.PointsIdsList.newBuilder().addIds(id(1))).build();

        List<UpdateResult> results = get(client.batchUpdateAsync(c, List.of(
                io.qdrant.client.grpc.Points.PointsUpdateOperation.newBuilder().setUpsert(
                        io.qdrant.client.grpc.Points.PointsUpdateOperation.PointStructList.newBuilder()
                                .addPoints(point(1, 1f, 0f)).addPoints(point(2, 0f, 1f))).build(),
                io.qdrant.client.grpc.Points.PointsUpdateOperation.newBuilder().setSetPayload(
                        io.qdrant.client.grpc.Points.PointsUpdateOperation.SetPayload.newBuilder()
                                .putPayload("tag", value("first")).setPointsSelector(first)).build(),
                io.qdrant.client.grpc.Points.PointsUpdateOperation.newBuilder().setDeletePoints(
                        io.qdrant.client.grpc.Points.PointsUpdateOperation.DeletePoints.newBuilder()
                                .setPoints(io.qdrant.client.grpc.Points.PointsSelector.newBuilder().setPoints(
                                        io.qdrant.client.grpc.Points.PointsIdsList.newBuilder().addIds(id(2)))))
                        .build()), true, null, null));

        assertThat(results).hasSize(3);
        assertThat(get(client.countAsync(c))).isEqualTo(1L);
        assertThat(one(c, 1).getPayloadMap()).isEqualTo(Map.of("tag", value("first")));
    }
}
