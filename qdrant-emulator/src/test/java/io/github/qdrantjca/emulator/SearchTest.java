package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SearchTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static final float[][] VECTORS = {
        {0.05f, 0.61f, 0.76f, 0.74f},
        {0.19f, 0.81f, 0.75f, 0.11f},
        {0.36f, 0.55f, 0.47f, 0.94f},
        {0.18f, 0.01f, 0.85f, 0.80f},
        {0.24f, 0.18f, 0.22f, 0.44f},
        {0.35f, 0.08f, 0.11f, 0.44f},
    };
    static final float[] QUERY = {0.2f, 0.1f, 0.9f, 0.7f};

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

    /** A collection holding VECTORS as ids 1..6 with payload {"i": id, "parity": "odd"|"even"}. */
    private static String filled(Distance distance) throws Exception {
        String c = support.collection("search_" + distance.name().toLowerCase(), 4, distance);
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < VECTORS.length; i++) {
            long id = i + 1;
            points.add(point(id, VECTORS[i], Map.of("i", value(id), "parity", value(id % 2 == 0 ? "even" : "odd"))));
        }
        get(client.upsertAsync(c, points));
        return c;
    }

    private static List<ScoredPoint> search(String c, float[] query, int limit) throws Exception {
        return get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c).addAllVector(list(query))
                .setLimit(limit).build()));
    }

    private static List<Float> list(float[] v) {
        List<Float> out = new ArrayList<>();
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    /** Ids 1..6 ranked by the reference score, best first, with their scores. */
    private static List<double[]> expected(ToDoubleBiFunction<float[], float[]> score, boolean ascending) {
        List<double[]> ranked = new ArrayList<>();
        for (int i = 0; i < VECTORS.length; i++) {
            ranked.add(new double[] {i + 1, score.applyAsDouble(QUERY, VECTORS[i])});
        }
        Comparator<double[]> byScore = Comparator.comparingDouble(r -> r[1]);
        ranked.sort(ascending ? byScore : byScore.reversed());
        return ranked;
    }

    private static void assertRanking(List<ScoredPoint> hits, List<double[]> expected) {
        assertThat(hits).hasSize(expected.size());
        for (int i = 0; i < hits.size(); i++) {
            assertThat(hits.get(i).getId().getNum()).as("id at rank " + i).isEqualTo((long) expected.get(i)[0]);
            assertThat((double) hits.get(i).getScore()).as("score at rank " + i)
                    .isCloseTo(expected.get(i)[1], within(1e-6));
        }
    }

    @Test
    void cosineRanksByCosineSimilarityDescending() throws Exception {
        assertRanking(search(filled(Distance.Cosine), QUERY, 6), expected(TestSupport::cosine, false));
    }

    @Test
    void dotRanksByDotProductDescending() throws Exception {
        assertRanking(search(filled(Distance.Dot), QUERY, 6), expected(TestSupport::dot, false));
    }

    @Test
    void euclidReportsTheDistanceAndRanksAscending() throws Exception {
        assertRanking(search(filled(Distance.Euclid), QUERY, 6), expected(TestSupport::euclid, true));
    }

    @Test
    void manhattanReportsTheDistanceAndRanksAscending() throws Exception {
        assertRanking(search(filled(Distance.Manhattan), QUERY, 6), expected(TestSupport::manhattan, true));
    }

    @Test
    void limitAndOffsetPage() throws Exception {
        String c = filled(Distance.Dot);
        List<double[]> all = expected(TestSupport::dot, false);

        List<ScoredPoint> page = get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .addAllVector(list(QUERY)).setLimit(2).setOffset(3).build()));

        assertRanking(page, all.subList(3, 5));
    }

    @Test
    void scoreThresholdDropsWorseResultsForSimilarityAndForDistance() throws Exception {
        List<double[]> dot = expected(TestSupport::dot, false);
        float dotThreshold = (float) ((dot.get(2)[1] + dot.get(3)[1]) / 2);
        List<double[]> euclid = expected(TestSupport::euclid, true);
        float euclidThreshold = (float) ((euclid.get(1)[1] + euclid.get(2)[1]) / 2);

        List<ScoredPoint> dotHits = get(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(filled(Distance.Dot)).addAllVector(list(QUERY)).setLimit(6)
                .setScoreThreshold(dotThreshold).build()));
        List<ScoredPoint> euclidHits = get(client.searchAsync(SearchPoints.newBuilder()
                .setCollectionName(filled(Distance.Euclid)).addAllVector(list(QUERY)).setLimit(6)
                .setScoreThreshold(euclidThreshold).build()));

        assertRanking(dotHits, dot.subList(0, 3));
        assertRanking(euclidHits, euclid.subList(0, 2));
    }

    @Test
    void equalScoresAreOrderedByIdLargerFirstForSimilarityAndSmallerFirstForDistance() throws Exception {
        String dot = support.collection("ties_dot", 2, Distance.Dot);
        String euclid = support.collection("ties_euclid", 2, Distance.Euclid);
        for (String c : List.of(dot, euclid)) {
            get(client.upsertAsync(c, List.of(point(2, 1f, 1f), point(3, 1f, 1f), point(1, 1f, 1f))));
        }

        assertThat(search(dot, new float[] {1f, 0f}, 3)).extracting(p -> p.getId().getNum())
                .containsExactly(3L, 2L, 1L);
        assertThat(search(euclid, new float[] {1f, 0f}, 3)).extracting(p -> p.getId().getNum())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void filteredSearchOnlyScoresMatchingPointsAndReturnsRequestedPayload() throws Exception {
        String c = filled(Distance.Dot);
        List<double[]> even = expected(TestSupport::dot, false).stream().filter(r -> ((long) r[0]) % 2 == 0)
                .toList();

        List<ScoredPoint> hits = get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .addAllVector(list(QUERY)).setLimit(6)
                .setFilter(Filter.newBuilder().addMust(matchKeyword("parity", "even")))
                .setWithPayload(WithPayloadSelectorFactory.enable(true)).build()));

        assertRanking(hits, even);
        assertThat(hits.get(0).getPayloadMap()).containsEntry("parity", value("even"))
                .containsEntry("i", value((long) even.get(0)[0]));
    }

    @Test
    void searchWithoutPayloadSelectorReturnsNoPayloadAndWithVectorsReturnsTheStoredVector() throws Exception {
        String c = filled(Distance.Dot);

        List<ScoredPoint> hits = get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .addAllVector(list(QUERY)).setLimit(1).setWithVectors(WithVectorsSelectorFactory.enable(true))
                .build()));

        long id = hits.get(0).getId().getNum();
        assertThat(hits.get(0).getPayloadMap()).isEmpty();
        assertThat(io.qdrant.client.VectorOutputHelper.getDenseVector(hits.get(0).getVectors().getVector())
                .getDataList()).isEqualTo(list(VECTORS[(int) id - 1]));
    }

    @Test
    void searchBatchAnswersEachSearchInOrder() throws Exception {
        String c = filled(Distance.Dot);
        List<double[]> all = expected(TestSupport::dot, false);

        List<BatchResult> results = get(client.searchBatchAsync(c, List.of(
                SearchPoints.newBuilder().setCollectionName(c).addAllVector(list(QUERY)).setLimit(1).build(),
                SearchPoints.newBuilder().setCollectionName(c).addAllVector(list(QUERY)).setLimit(3).build()),
                null));

        assertThat(results).hasSize(2);
        assertRanking(results.get(0).getResultList(), all.subList(0, 1));
        assertRanking(results.get(1).getResultList(), all.subList(0, 3));
    }

    @Test
    void searchOfANamedVectorUsesItsDistance() throws Exception {
        String c = support.collection("named_search", Map.of(
                "dot", VectorParams.newBuilder().setSize(4).setDistance(Distance.Dot).build(),
                "l1", VectorParams.newBuilder().setSize(4).setDistance(Distance.Manhattan).build()));
        List<PointStruct> points = new ArrayList<>();
        for (int i = 0; i < VECTORS.length; i++) {
            points.add(PointStruct.newBuilder().setId(id(i + 1)).setVectors(namedVectors(Map.of(
                    "dot", VectorFactory.vector(list(VECTORS[i])), "l1", VectorFactory.vector(list(VECTORS[i])))))
                    .build());
        }
        get(client.upsertAsync(c, points));

        List<ScoredPoint> hits = get(client.searchAsync(SearchPoints.newBuilder().setCollectionName(c)
                .setVectorName("l1").addAllVector(list(QUERY)).setLimit(6).build()));

        assertRanking(hits, expected(TestSupport::manhattan, true));
    }

    @Test
    void limitZeroIsAValidationError() throws Exception {
        String c = filled(Distance.Dot);

        Status status = statusOf(() -> search(c, QUERY, 0));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Validation error in body: [").contains("limit");
    }

    @Test
    void queryOfTheWrongDimensionIsInvalidArgument() throws Exception {
        String c = filled(Distance.Dot);

        Status status = statusOf(() -> search(c, new float[] {1f, 2f}, 3));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("Wrong input: Vector dimension error: expected dim: 4, got 2");
    }

    @Test
    void queryNearestVectorMatchesSearch() throws Exception {
        String c = filled(Distance.Cosine);

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(nearest(QUERY)).setLimit(4).build()));

        assertRanking(hits, expected(TestSupport::cosine, false).subList(0, 4));
    }

    @Test
    void queryNearestPointIdUsesItsVectorAndExcludesIt() throws Exception {
        String c = filled(Distance.Dot);
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < VECTORS.length; i++) {
            if (i != 2) {
                expected.add(new double[] {i + 1, TestSupport.dot(VECTORS[2], VECTORS[i])});
            }
        }
        expected.sort(Comparator.comparingDouble((double[] r) -> r[1]).reversed());

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .setQuery(nearest(id(3))).setLimit(10).build()));

        assertRanking(hits, expected);
    }

    @Test
    void queryWithoutQueryReturnsPointsInIdOrder() throws Exception {
        String c = filled(Distance.Dot);

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c).setLimit(3)
                .setOffset(1).build()));

        assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void queryBatchAnswersEachQuery() throws Exception {
        String c = filled(Distance.Euclid);

        List<BatchResult> results = get(client.queryBatchAsync(c, List.of(
                QueryPoints.newBuilder().setCollectionName(c).setQuery(nearest(QUERY)).setLimit(2).build(),
                QueryPoints.newBuilder().setCollectionName(c).setLimit(2).build())));

        assertRanking(results.get(0).getResultList(), expected(TestSupport::euclid, true).subList(0, 2));
        assertThat(results.get(1).getResultList()).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L);
    }

    static final float[] OTHER_QUERY = {0.9f, 0.1f, 0.1f, 0.3f};

    /** Ids 1..6 ranked by dot product with {@code q}, best first. */
    private static List<Long> dotRanking(float[] q) {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= VECTORS.length; id++) {
            ids.add(id);
        }
        ids.sort(Comparator.comparingDouble((Long id) -> TestSupport.dot(q, VECTORS[(int) (id - 1)])).reversed());
        return ids;
    }

    private static io.qdrant.client.grpc.Points.PrefetchQuery nearestPrefetch(float[] q, long limit) {
        return io.qdrant.client.grpc.Points.PrefetchQuery.newBuilder().setQuery(nearest(q)).setLimit(limit).build();
    }

    @Test
    void queryFusesPrefetchesByReciprocalRank() throws Exception {
        String c = filled(Distance.Dot);
        Map<Long, Double> expected = new java.util.HashMap<>();
        for (List<Long> ranking : List.of(dotRanking(QUERY).subList(0, 3), dotRanking(OTHER_QUERY).subList(0, 3))) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                expected.merge(ranking.get(rank), 1.0 / (rank + 2), Double::sum);
            }
        }

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(nearestPrefetch(QUERY, 3)).addPrefetch(nearestPrefetch(OTHER_QUERY, 3))
                .setQuery(io.qdrant.client.QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))
                .setLimit(10).setWithPayload(WithPayloadSelectorFactory.enable(true)).build()));

        assertThat(hits).hasSize(expected.size());
        for (int i = 0; i < hits.size(); i++) {
            ScoredPoint hit = hits.get(i);
            assertThat((double) hit.getScore()).isCloseTo(expected.get(hit.getId().getNum()), within(1e-6));
            assertThat(hit.getPayloadMap()).containsEntry("i", value(hit.getId().getNum()));
            if (i > 0) {
                assertThat(hit.getScore()).isLessThanOrEqualTo(hits.get(i - 1).getScore());
            }
        }
    }

    @Test
    void queryRescoresTheCandidatesOfItsPrefetch() throws Exception {
        String c = filled(Distance.Dot);
        List<Long> candidates = dotRanking(QUERY).subList(0, 4);
        List<Long> expected = dotRanking(OTHER_QUERY).stream().filter(candidates::contains).limit(2).toList();

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(nearestPrefetch(QUERY, 4)).setQuery(nearest(OTHER_QUERY)).setLimit(2).build()));

        assertThat(hits).extracting(p -> p.getId().getNum()).containsExactlyElementsOf(expected);
        assertThat((double) hits.get(0).getScore()).isCloseTo(
                TestSupport.dot(OTHER_QUERY, VECTORS[(int) (expected.get(0) - 1)]), within(1e-6));
    }

    @Test
    void queryFilterAppliesToItsPrefetches() throws Exception {
        String c = filled(Distance.Dot);

        List<ScoredPoint> hits = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(nearestPrefetch(QUERY, 2)).addPrefetch(nearestPrefetch(OTHER_QUERY, 2))
                .setQuery(io.qdrant.client.QueryFactory.fusion(io.qdrant.client.grpc.Points.Fusion.RRF))
                .setFilter(Filter.newBuilder().addMust(matchKeyword("parity", "odd"))).setLimit(10).build()));

        List<Long> odd = new ArrayList<>(dotRanking(QUERY).stream().filter(id -> id % 2 == 1).limit(2).toList());
        dotRanking(OTHER_QUERY).stream().filter(id -> id % 2 == 1).limit(2).filter(id -> !odd.contains(id))
                .forEach(odd::add);
        assertThat(hits).extracting(p -> p.getId().getNum()).containsExactlyInAnyOrderElementsOf(odd);
    }

    @Test
    void recommendSearchesWithTheAverageVectorAndExcludesTheExamples() throws Exception {
        String c = filled(Distance.Dot);
        float[] target = new float[4];
        for (int d = 0; d < 4; d++) {
            float avgPositive = (VECTORS[0][d] + VECTORS[1][d]) / 2;
            target[d] = avgPositive + avgPositive - VECTORS[5][d];
        }
        List<double[]> expected = new ArrayList<>();
        for (int i : new int[] {2, 3, 4}) {
            expected.add(new double[] {i + 1, TestSupport.dot(target, VECTORS[i])});
        }
        expected.sort(Comparator.comparingDouble((double[] r) -> r[1]).reversed());

        List<ScoredPoint> hits = get(client.recommendAsync(RecommendPoints.newBuilder().setCollectionName(c)
                .addPositive(id(1)).addPositive(id(2)).addNegative(id(6)).setLimit(10).build()));

        assertThat(hits).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(hits.get(i).getId().getNum()).isEqualTo((long) expected.get(i)[0]);
            assertThat((double) hits.get(i).getScore()).isCloseTo(expected.get(i)[1], within(1e-5));
        }
    }

    @Test
    void recommendBestScoreScoresEachCandidateByItsBestExample() throws Exception {
        String c = filled(Distance.Dot);
        List<double[]> expected = new ArrayList<>();
        for (int i : new int[] {2, 3, 4}) {
            double best = Math.max(TestSupport.dot(VECTORS[0], VECTORS[i]), TestSupport.dot(VECTORS[1], VECTORS[i]));
            double negative = TestSupport.dot(VECTORS[5], VECTORS[i]);
            double score = best > negative ? sigmoid(best) : -sigmoid(negative);
            expected.add(new double[] {i + 1, score});
        }
        expected.sort(Comparator.comparingDouble((double[] r) -> r[1]).reversed());

        List<ScoredPoint> hits = get(client.recommendAsync(RecommendPoints.newBuilder().setCollectionName(c)
                .addPositive(id(1)).addPositive(id(2)).addNegative(id(6))
                .setStrategy(io.qdrant.client.grpc.Points.RecommendStrategy.BestScore).setLimit(10).build()));

        assertRanking(hits, expected);
    }

    private static double sigmoid(double x) {
        return 0.5 * (x / (1 + Math.abs(x)) + 1);
    }

    @Test
    void recommendFromAMissingPointIsNotFound() throws Exception {
        String c = filled(Distance.Dot);

        Status status = statusOf(() -> get(client.recommendAsync(RecommendPoints.newBuilder().setCollectionName(c)
                .addPositive(id(77)).setLimit(3).build())));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: No point with id 77 found");
    }

    @Test
    void searchInAMissingCollectionIsNotFound() {
        String c = TestSupport.uniqueName("void");

        Status status = statusOf(() -> search(c, QUERY, 3));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + c + "` doesn't exist!");
    }
}
