package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grpc.Status;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorInputFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.ContextExamplePair;
import io.qdrant.client.grpc.Points.ContextInput;
import io.qdrant.client.grpc.Points.ContextInputPair;
import io.qdrant.client.grpc.Points.DiscoverPoints;
import io.qdrant.client.grpc.Points.FacetCounts;
import io.qdrant.client.grpc.Points.FacetHit;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.LookupLocation;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPointGroups;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendPointGroups;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Sample;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchMatrixOffsets;
import io.qdrant.client.grpc.Points.SearchMatrixPair;
import io.qdrant.client.grpc.Points.SearchMatrixPoints;
import io.qdrant.client.grpc.Points.SearchPointGroups;
import io.qdrant.client.grpc.Points.TargetVector;
import io.qdrant.client.grpc.Points.VectorExample;
import io.qdrant.client.grpc.Points.WithLookup;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.VectorsFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Discovery and context search, the group-by variants, the distance matrix, facets, ordering by a payload field,
 * random sampling, DBSF fusion and lookup_from, on five 2-d points whose expected answers are worked out by hand
 * from Qdrant's definitions.
 */
class DiscoveryGroupsTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantClient client;
    private TestSupport support;
    private String c;

    @BeforeEach
    void setUp() throws Exception {
        client = QDRANT.newClient();
        support = new TestSupport(client);
        c = support.collection("disc", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(
                point(1, new float[] {1f, 0f}, Map.of("color", value("red"), "n", value(5), "doc", value(100))),
                point(2, new float[] {0.9f, 0.1f}, Map.of("color", value("red"), "n", value(3), "doc", value(100))),
                point(3, new float[] {0f, 1f}, Map.of("color", value("blue"), "n", value(8), "doc", value(200))),
                point(4, new float[] {0.1f, 0.9f}, Map.of("color", value("blue"), "n", value(1), "doc", value(200))),
                point(5, new float[] {0.5f, 0.5f}, Map.of("color", value("green"), "n", value(3), "doc",
                        value(300))))));
    }

    @AfterEach
    void tearDown() {
        support.dropAll();
    }

    private static List<Long> ids(List<ScoredPoint> points) {
        return points.stream().map(p -> p.getId().getNum()).toList();
    }

    private static VectorExample example(float... v) {
        return VectorExample.newBuilder().setVector(VectorsFactory.vectors(v).getVector()).build();
    }

    @Test
    void discoveryRanksByContextPairsThenByTheTarget() throws Exception {
        List<ScoredPoint> found = get(client.discoverAsync(DiscoverPoints.newBuilder().setCollectionName(c)
                .setTarget(TargetVector.newBuilder().setSingle(example(1f, 0f)))
                .addContext(ContextExamplePair.newBuilder().setPositive(example(0f, 1f)).setNegative(example(1f, 0f)))
                .setLimit(5).build()));

        // rank (+1 nearer the positive [0,1], -1 nearer the negative [1,0]) + scaled sigmoid of the target score
        assertThat(ids(found)).containsExactly(4L, 3L, 5L, 1L, 2L);
        assertThat(found.get(0).getScore()).isCloseTo(1f + 0.5f * (0.1f / 1.1f + 1f), within(1e-5f));
        assertThat(found.get(2).getScore()).isCloseTo(0.5f * (0.5f / 1.5f + 1f), within(1e-5f));
    }

    @Test
    void discoverBatchAnswersEachRequest() throws Exception {
        DiscoverPoints one = DiscoverPoints.newBuilder().setCollectionName(c)
                .setTarget(TargetVector.newBuilder().setSingle(VectorExample.newBuilder()
                        .setId(PointIdFactory.id(1))))
                .addContext(ContextExamplePair.newBuilder().setPositive(example(1f, 0f)).setNegative(example(0f, 1f)))
                .setLimit(2).build();

        var results = get(client.discoverBatchAsync(c, List.of(one, one), null));

        assertThat(results).hasSize(2);
        assertThat(ids(results.get(0).getResultList())).as("the target id is not a result").containsExactly(2L, 5L);
    }

    @Test
    void contextQueryScoresByPairLossOnly() throws Exception {
        List<ScoredPoint> found = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.context(ContextInput.newBuilder().addPairs(ContextInputPair.newBuilder()
                        .setPositive(VectorInputFactory.vectorInput(0f, 1f))
                        .setNegative(VectorInputFactory.vectorInput(1f, 0f))).build()))
                .setLimit(5).build()));

        assertThat(Set.copyOf(ids(found).subList(0, 2))).containsExactlyInAnyOrder(3L, 4L);
        assertThat(ids(found).subList(2, 5)).containsExactly(5L, 2L, 1L);
        assertThat(found.get(0).getScore()).isZero();
        assertThat(found.get(4).getScore()).isCloseTo(-0.5f, within(1e-5f));
    }

    @Test
    void searchGroupsKeepsTheBestGroupsWithAtMostGroupSizeHitsAndLooksUpTheirPoints() throws Exception {
        String lookup = support.collection("disc_lookup", 2, Distance.Dot);
        get(client.upsertAsync(lookup, List.of(point(100, new float[] {1f, 1f}, Map.of("title", value("hundred"))),
                point(300, new float[] {1f, 1f}, Map.of("title", value("three hundred"))))));

        List<PointGroup> groups = get(client.searchGroupsAsync(SearchPointGroups.newBuilder().setCollectionName(c)
                .addAllVector(List.of(1f, 0f)).setGroupBy("doc").setGroupSize(2).setLimit(2)
                .setWithLookup(WithLookup.newBuilder().setCollection(lookup)).build()));

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).getId().getUnsignedValue()).isEqualTo(100);
        assertThat(ids(groups.get(0).getHitsList())).containsExactly(1L, 2L);
        assertThat(groups.get(0).getLookup().getPayloadMap().get("title").getStringValue()).isEqualTo("hundred");
        assertThat(groups.get(1).getId().getUnsignedValue()).isEqualTo(300);
        assertThat(ids(groups.get(1).getHitsList())).containsExactly(5L);
    }

    @Test
    void recommendGroupsAndQueryGroupsGroupTheirRanking() throws Exception {
        List<PointGroup> recommended = get(client.recommendGroupsAsync(RecommendPointGroups.newBuilder()
                .setCollectionName(c).addPositive(PointIdFactory.id(1)).setGroupBy("color").setGroupSize(1)
                .setLimit(3).build()));
        List<PointGroup> queried = get(client.queryGroupsAsync(QueryPointGroups.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(0f, 1f)).setGroupBy("color").setGroupSize(1).setLimit(2)
                .setWithPayload(WithPayloadSelector.newBuilder().setEnable(true)).build()));

        assertThat(recommended).extracting(g -> g.getId().getStringValue()).containsExactly("red", "green", "blue");
        assertThat(ids(recommended.get(0).getHitsList())).containsExactly(2L);
        assertThat(queried).extracting(g -> g.getId().getStringValue()).containsExactly("blue", "green");
        assertThat(ids(queried.get(0).getHitsList())).containsExactly(3L);
        assertThat(queried.get(0).getHits(0).getPayloadMap()).containsKey("color");
    }

    @Test
    void theDistanceMatrixPairsEachSampledPointWithItsNearest() throws Exception {
        SearchMatrixPoints request = SearchMatrixPoints.newBuilder().setCollectionName(c).setSample(5).setLimit(1)
                .build();

        List<SearchMatrixPair> pairs = get(client.searchMatrixPairsAsync(request)).getPairsList();
        SearchMatrixOffsets offsets = get(client.searchMatrixOffsetsAsync(request));

        assertThat(pairs).hasSize(5);
        assertThat(pairs).anySatisfy(p -> {
            assertThat(p.getA().getNum()).isEqualTo(1);
            assertThat(p.getB().getNum()).isEqualTo(2);
            assertThat(p.getScore()).isCloseTo(0.9f, within(1e-5f));
        });
        assertThat(offsets.getIdsList()).extracting(PointId::getNum).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(offsets.getOffsetsRowList()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(offsets.getOffsetsCol(2)).as("3's nearest is 4").isEqualTo(3L);
        assertThat(offsets.getScoresCount()).isEqualTo(5);
    }

    @Test
    void facetsCountValuesOfAnIndexedFieldMostFrequentFirst() throws Exception {
        Status unindexed = statusOf(() -> get(client.facetAsync(FacetCounts.newBuilder().setCollectionName(c)
                .setKey("color").build())));
        get(client.createPayloadIndexAsync(c, "color", PayloadSchemaType.Keyword, null, true, null, null));

        List<FacetHit> hits = get(client.facetAsync(FacetCounts.newBuilder().setCollectionName(c).setKey("color")
                .build()));

        assertThat(unindexed.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unindexed.getDescription()).contains("No appropriate index for faceting: `color`");
        assertThat(hits).extracting(h -> h.getValue().getStringValue() + "=" + h.getCount())
                .containsExactly("blue=2", "red=2", "green=1");
    }

    @Test
    void scrollAndQueryOrderByAnIndexedNumberAndNeedItsIndex() throws Exception {
        Status unindexed = statusOf(() -> get(client.scrollAsync(io.qdrant.client.grpc.Points.ScrollPoints
                .newBuilder().setCollectionName(c).setOrderBy(io.qdrant.client.grpc.Points.OrderBy.newBuilder()
                        .setKey("n")).build())));
        get(client.createPayloadIndexAsync(c, "n", PayloadSchemaType.Integer, null, true, null, null));

        List<RetrievedPoint> ascending = get(client.scrollAsync(io.qdrant.client.grpc.Points.ScrollPoints
                .newBuilder().setCollectionName(c).setLimit(3).setOrderBy(io.qdrant.client.grpc.Points.OrderBy
                        .newBuilder().setKey("n")).build())).getResultList();
        List<ScoredPoint> descending = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.orderBy(io.qdrant.client.grpc.Points.OrderBy.newBuilder().setKey("n")
                        .setDirection(io.qdrant.client.grpc.Points.Direction.Desc).build()))
                .setLimit(3).build()));

        assertThat(unindexed.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unindexed.getDescription()).contains("No range index for `order_by` key: `n`");
        assertThat(ascending).extracting(p -> p.getId().getNum()).containsExactly(4L, 2L, 5L);
        assertThat(ascending).extracting(p -> p.getOrderValue().getInt()).containsExactly(1L, 3L, 3L);
        assertThat(ids(descending)).containsExactly(3L, 1L, 5L);
        assertThat(descending.get(0).getOrderValue().getInt()).isEqualTo(8L);
    }

    @Test
    void aRandomSampleReturnsDistinctPointsUpToTheLimit() throws Exception {
        List<ScoredPoint> three = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.sample(Sample.Random)).setLimit(3).build()));
        List<ScoredPoint> all = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.sample(Sample.Random)).setLimit(10).build()));

        assertThat(Set.copyOf(ids(three))).hasSize(3).isSubsetOf(1L, 2L, 3L, 4L, 5L);
        assertThat(ids(all)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void dbsfFusionNormalisesEachPrefetchByMeanAndThreeStandardDeviations() throws Exception {
        List<ScoredPoint> fused = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1f, 0f)).setLimit(3))
                .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(0f, 1f)).setLimit(3))
                .setQuery(QueryFactory.fusion(Fusion.DBSF)).setLimit(5).build()));

        // each prefetch scores 1.0, 0.9, 0.5: mean 0.8, sample sd sqrt(0.07)
        double sd = Math.sqrt(0.07);
        double top = (1.0 - (0.8 - 3 * sd)) / (6 * sd);
        double five = 2 * (0.5 - (0.8 - 3 * sd)) / (6 * sd);
        assertThat(Set.copyOf(ids(fused).subList(0, 2))).containsExactlyInAnyOrder(1L, 3L);
        assertThat(fused.get(0).getScore()).isCloseTo((float) top, within(1e-4f));
        assertThat(fused.get(2).getId().getNum()).isEqualTo(5L);
        assertThat(fused.get(2).getScore()).isCloseTo((float) five, within(1e-4f));
    }

    @Test
    void lookupFromTakesExampleVectorsFromAnotherCollection() throws Exception {
        String other = support.collection("disc_other", 2, Distance.Dot);
        get(client.upsertAsync(other, List.of(point(42, 0f, 1f))));

        List<ScoredPoint> found = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(42L)).setLookupFrom(LookupLocation.newBuilder()
                        .setCollectionName(other)).setLimit(2).build()));
        Status missing = statusOf(() -> get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(QueryFactory.nearest(42L)).setLookupFrom(LookupLocation.newBuilder()
                        .setCollectionName(other + "_missing")).setLimit(2).build())));

        assertThat(ids(found)).containsExactly(3L, 4L);
        assertThat(missing.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aNamedVectorIsAddedAndRemoved() throws Exception {
        String named = support.collection("vecname", Map.of("a", io.qdrant.client.grpc.Collections.VectorParams
                .newBuilder().setSize(2).setDistance(Distance.Dot).build()));

        get(client.createVectorNameAsync(io.qdrant.client.grpc.Points.CreateVectorNameRequest.newBuilder()
                .setCollectionName(named).setVectorName("b").setWait(true)
                .setDenseConfig(io.qdrant.client.grpc.Points.DenseVectorCreationConfig.newBuilder().setSize(3)
                        .setDistance(Distance.Cosine)).build()));
        get(client.upsertAsync(named, List.of(io.qdrant.client.grpc.Points.PointStruct.newBuilder()
                .setId(PointIdFactory.id(1)).setVectors(VectorsFactory.namedVectors(Map.of(
                        "a", io.qdrant.client.VectorFactory.vector(1f, 0f), "b", io.qdrant.client.VectorFactory.vector(0f, 0f, 1f)))).build())));

        assertThat(get(client.getCollectionInfoAsync(named)).getConfig().getParams().getVectorsConfig()
                .getParamsMap().getMapMap()).containsKeys("a", "b");

        get(client.deleteVectorNameAsync(io.qdrant.client.grpc.Points.DeleteVectorNameRequest.newBuilder()
                .setCollectionName(named).setVectorName("b").setWait(true).build()));

        assertThat(get(client.getCollectionInfoAsync(named)).getConfig().getParams().getVectorsConfig()
                .getParamsMap().getMapMap()).containsOnlyKeys("a");
        Status gone = statusOf(() -> get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(named)
                .setQuery(QueryFactory.nearest(0f, 0f, 1f)).setUsing("b").build())));
        assertThat(gone.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    private static io.qdrant.client.grpc.Points.Expression constant(float v) {
        return io.qdrant.client.grpc.Points.Expression.newBuilder().setConstant(v).build();
    }

    private static io.qdrant.client.grpc.Points.Expression variable(String name) {
        return io.qdrant.client.grpc.Points.Expression.newBuilder().setVariable(name).build();
    }

    private List<ScoredPoint> formula(io.qdrant.client.grpc.Points.Formula formula) throws Exception {
        return get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1f, 0f)).setLimit(5))
                .setQuery(QueryFactory.formula(formula)).setLimit(5).build()));
    }

    @Test
    void aFormulaRescoresThePrefetchWithScoresPayloadNumbersAndDecays() throws Exception {
        List<ScoredPoint> boosted = formula(io.qdrant.client.grpc.Points.Formula.newBuilder().setExpression(
                io.qdrant.client.grpc.Points.Expression.newBuilder().setSum(io.qdrant.client.grpc.Points.SumExpression
                        .newBuilder().addSum(variable("$score")).addSum(io.qdrant.client.grpc.Points.Expression
                                .newBuilder().setMult(io.qdrant.client.grpc.Points.MultExpression.newBuilder()
                                        .addMult(constant(0.1f)).addMult(variable("n")))))).build());
        List<ScoredPoint> decayed = formula(io.qdrant.client.grpc.Points.Formula.newBuilder().setExpression(
                io.qdrant.client.grpc.Points.Expression.newBuilder().setLinDecay(io.qdrant.client.grpc.Points
                        .DecayParamsExpression.newBuilder().setX(variable("n")).setTarget(constant(5f)).setScale(5f)
                        .setMidpoint(0.5f))).build());

        // $score + 0.1 n: 1 -> 1.0 + 0.5, 2 -> 0.9 + 0.3, 3 -> 0 + 0.8, 5 -> 0.5 + 0.3, 4 -> 0.1 + 0.1
        assertThat(ids(boosted).subList(0, 2)).containsExactly(1L, 2L);
        assertThat(boosted.get(0).getScore()).isCloseTo(1.5f, within(1e-5f));
        assertThat(boosted.get(4).getId().getNum()).isEqualTo(4L);
        // linear decay, lambda (1 - 0.5) / 5: 1 - 0.1 |n - 5|
        assertThat(decayed.get(0).getId().getNum()).isEqualTo(1L);
        assertThat(decayed.stream().filter(p -> p.getId().getNum() == 3).findFirst().orElseThrow().getScore())
                .isCloseTo(0.7f, within(1e-5f));
    }

    @Test
    void aFormulaVariableMissingFromThePayloadNeedsADefault() throws Exception {
        Status missing = statusOf(() -> formula(io.qdrant.client.grpc.Points.Formula.newBuilder()
                .setExpression(variable("rating")).build()));
        List<ScoredPoint> defaulted = formula(io.qdrant.client.grpc.Points.Formula.newBuilder()
                .setExpression(variable("rating")).putDefaults("rating", value(2)).build());

        assertThat(missing.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(missing.getDescription()).contains("rating").contains("No value found in a payload nor defaults");
        assertThat(defaulted).extracting(ScoredPoint::getScore).containsOnly(2f);
    }
}
