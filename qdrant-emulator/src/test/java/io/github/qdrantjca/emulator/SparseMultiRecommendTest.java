package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorInputFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.MultiVectorComparator;
import io.qdrant.client.grpc.Collections.MultiVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.ContextInput;
import io.qdrant.client.grpc.Points.ContextInputPair;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RecommendInput;
import io.qdrant.client.grpc.Points.RecommendStrategy;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recommend, discovery and context queries over sparse vectors and multivectors, scored as Qdrant scores them (the
 * expected scores are computed here from the definitions).
 */
class SparseMultiRecommendTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static QdrantClient client;
    static TestSupport support;
    static String sparse;
    static String multi;

    @BeforeAll
    static void collections() throws Exception {
        client = QDRANT.newClient();
        support = new TestSupport(client);
        sparse = TestSupport.uniqueName("sparse_reco");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(sparse)
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.getDefaultInstance()))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap("text",
                        SparseVectorParams.getDefaultInstance())).build()));
        support.track(sparse);
        // 1: {1: 1}, 2: {2: 1}, 3: {1: 1, 2: 1}, 4: {3: 1}, 5: {1: 2, 3: 1}
        get(client.upsertAsync(io.qdrant.client.grpc.Points.UpsertPoints.newBuilder().setCollectionName(sparse)
                .setWait(true).addAllPoints(List.of(
                        sparsePoint(1, List.of(1), List.of(1f)), sparsePoint(2, List.of(2), List.of(1f)),
                        sparsePoint(3, List.of(1, 2), List.of(1f, 1f)), sparsePoint(4, List.of(3), List.of(1f)),
                        sparsePoint(5, List.of(1, 3), List.of(2f, 1f)))).build()));

        multi = TestSupport.uniqueName("multi_reco");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(multi)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder().setSize(2)
                        .setDistance(Distance.Dot).setMultivectorConfig(MultiVectorConfig.newBuilder()
                                .setComparator(MultiVectorComparator.MaxSim)))).build()));
        support.track(multi);
        // 1: [[1, 0]], 2: [[0, 1]], 3: [[1, 0], [0, 1]], 4: [[-1, 0]]
        get(client.upsertAsync(io.qdrant.client.grpc.Points.UpsertPoints.newBuilder().setCollectionName(multi)
                .setWait(true).addAllPoints(List.of(
                        multiPoint(1, new float[][] {{1, 0}}), multiPoint(2, new float[][] {{0, 1}}),
                        multiPoint(3, new float[][] {{1, 0}, {0, 1}}), multiPoint(4, new float[][] {{-1, 0}})))
                .build()));
    }

    @AfterAll
    static void cleanUp() {
        support.dropAll();
    }

    private static PointStruct sparsePoint(long id, List<Integer> indices, List<Float> values) {
        return PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.namedVectors(
                Map.of("text", VectorFactory.vector(values, indices)))).build();
    }

    private static PointStruct multiPoint(long id, float[][] vectors) {
        List<List<Float>> lists = new java.util.ArrayList<>();
        for (float[] v : vectors) {
            List<Float> l = new java.util.ArrayList<>();
            for (float x : v) {
                l.add(x);
            }
            lists.add(l);
        }
        return PointStruct.newBuilder().setId(PointIdFactory.id(id))
                .setVectors(VectorsFactory.vectors(VectorFactory.multiVector(lists))).build();
    }

    private static List<ScoredPoint> query(String c, String using, Query query) throws Exception {
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(c).setQuery(query).setLimit(10);
        if (using != null) {
            q.setUsing(using);
        }
        return get(client.queryAsync(q.build()));
    }

    private static Map<Long, Float> scores(List<ScoredPoint> points) {
        Map<Long, Float> out = new java.util.LinkedHashMap<>();
        for (ScoredPoint p : points) {
            out.put(p.getId().getNum(), p.getScore());
        }
        return out;
    }

    @Test
    void averageVectorOverSparseVectorsSearchesWithTheAveragedSparseVector() throws Exception {
        // positive 1 {1: 1}, negative 2 {2: 1}: query {1: 2, 2: -1}
        List<ScoredPoint> hits = query(sparse, "text", Query.newBuilder().setRecommend(RecommendInput.newBuilder()
                .addPositive(VectorInputFactory.vectorInput(PointIdFactory.id(1)))
                .addNegative(VectorInputFactory.vectorInput(PointIdFactory.id(2)))).build());

        // candidates share an index with the query: 3 (2 - 1 = 1), 5 (4); 1 and 2 are examples
        assertThat(scores(hits)).containsExactly(Map.entry(5L, 4f), Map.entry(3L, 1f));
    }

    @Test
    void bestScoreOverSparseVectorsComparesSparseDotProducts() throws Exception {
        List<ScoredPoint> hits = query(sparse, "text", Query.newBuilder().setRecommend(RecommendInput.newBuilder()
                .addPositive(VectorInputFactory.vectorInput(PointIdFactory.id(1)))
                .addNegative(VectorInputFactory.vectorInput(PointIdFactory.id(4)))
                .setStrategy(RecommendStrategy.BestScore)).build());

        // 5: pos 2 > neg 1 -> sigmoid(2) = 0.5 * (2/3 + 1); 3: pos 1 > neg 0 -> 0.75; 2: pos 0, neg 0 -> -0.5
        Map<Long, Float> s = scores(hits);
        assertThat(s.keySet()).containsExactly(5L, 3L, 2L);
        assertThat((double) s.get(5L)).isCloseTo(0.5 * (2.0 / 3 + 1), within(1e-6));
        assertThat((double) s.get(3L)).isCloseTo(0.75, within(1e-6));
        assertThat((double) s.get(2L)).isCloseTo(-0.5, within(1e-6));
    }

    @Test
    void contextOverSparseVectorsRanksPointsOnThePositiveSide() throws Exception {
        List<ScoredPoint> hits = query(sparse, "text", Query.newBuilder().setContext(ContextInput.newBuilder()
                .addPairs(ContextInputPair.newBuilder()
                        .setPositive(VectorInputFactory.vectorInput(List.of(1f), List.of(1)))
                        .setNegative(VectorInputFactory.vectorInput(List.of(1f), List.of(3))))).build());

        // loss 0 (best) when sim(+) - sim(-) > epsilon: 1 (1 - 0) and 3 (1 - 0), 5 (2 - 1); 2 and 4 lose
        assertThat(scores(hits).entrySet().stream().filter(e -> e.getValue() == 0f).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder(1L, 3L, 5L);
        assertThat(hits.get(3).getScore()).isLessThan(0f);
    }

    @Test
    void averageVectorOverMultivectorsConcatenatesPositivesAndNegatedNegatives() throws Exception {
        // positive 1 [[1, 0]], negative 2 [[0, 1]]: query [[1, 0], [0, -1]], MaxSim
        List<ScoredPoint> hits = query(multi, null, Query.newBuilder().setRecommend(RecommendInput.newBuilder()
                .addPositive(VectorInputFactory.vectorInput(PointIdFactory.id(1)))
                .addNegative(VectorInputFactory.vectorInput(PointIdFactory.id(2)))).build());

        // 3: max(1, 0) + max(0, -1) = 1; 4: -1 + 0 = -1
        assertThat(scores(hits)).containsExactly(Map.entry(3L, 1f), Map.entry(4L, -1f));
    }

    @Test
    void discoveryOverMultivectorsUsesMaxSim() throws Exception {
        List<ScoredPoint> hits = query(multi, null, Query.newBuilder().setDiscover(
                io.qdrant.client.grpc.Points.DiscoverInput.newBuilder()
                        .setTarget(VectorInputFactory.vectorInput(PointIdFactory.id(3)))
                        .setContext(ContextInput.newBuilder().addPairs(ContextInputPair.newBuilder()
                                .setPositive(VectorInputFactory.vectorInput(PointIdFactory.id(1)))
                                .setNegative(VectorInputFactory.vectorInput(PointIdFactory.id(4)))))).build());

        // candidate 2 only: rank sign(0 - 0) = 0, target MaxSim([[1,0],[0,1]] vs [[0,1]]) = 0 + 1 = 1
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).getId().getNum()).isEqualTo(2L);
        assertThat((double) hits.get(0).getScore()).isCloseTo(0.5 * (0.5 + 1), within(1e-6));
    }
}
