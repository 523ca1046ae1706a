package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.MultiVectorComparator;
import io.qdrant.client.grpc.Collections.MultiVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.Vector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sparse vectors (plain and with the IDF modifier), multivectors compared by MaxSim, named vectors mixing all three,
 * and hybrid queries fusing a sparse and a dense prefetch.
 */
class HybridTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantClient client;
    private TestSupport support;
    private String c;

    @BeforeEach
    void setUp() throws Exception {
        client = QDRANT.newClient();
        support = new TestSupport(client);
        c = TestSupport.uniqueName("hybrid");
        get(client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName(c)
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
                        .putMap("dense", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                        .putMap("colbert", VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot)
                                .setMultivectorConfig(MultiVectorConfig.newBuilder()
                                        .setComparator(MultiVectorComparator.MaxSim)).build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap("text", SparseVectorParams.getDefaultInstance())
                        .putMap("bm25", SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                .build()));
        support.track(c);
        get(client.upsertAsync(c, List.of(
                point(1, new float[] {1f, 0f}, sparse(List.of(1, 2), List.of(1f, 1f)),
                        new float[][] {{1f, 0f}, {0f, 1f}}),
                point(2, new float[] {0f, 1f}, sparse(List.of(2), List.of(2f)), new float[][] {{1f, 0f}, {1f, 0f}}),
                point(3, new float[] {0.6f, 0.4f}, sparse(List.of(3), List.of(1f)), new float[][] {{0f, 1f}}))));
    }

    @AfterEach
    void tearDown() {
        support.dropAll();
    }

    private static Vector sparse(List<Integer> indices, List<Float> values) {
        return VectorFactory.vector(values, indices);
    }

    private static PointStruct point(long id, float[] dense, Vector sparse, float[][] multi) {
        return PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.namedVectors(Map.of(
                "dense", VectorFactory.vector(dense), "text", sparse, "bm25", sparse,
                "colbert", VectorFactory.multiVector(multi)))).build();
    }

    private static List<Long> ids(List<ScoredPoint> points) {
        return points.stream().map(p -> p.getId().getNum()).toList();
    }

    private List<ScoredPoint> query(String using, io.qdrant.client.grpc.Points.Query query) throws Exception {
        return get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c).setUsing(using).setQuery(query)
                .setLimit(10).build()));
    }

    @Test
    void aSparseSearchScoresByDotProductOverSharedIndicesOnly() throws Exception {
        List<ScoredPoint> found = query("text", QueryFactory.nearest(List.of(1f), List.of(2)));

        assertThat(ids(found)).as("point 3 shares no index").containsExactly(2L, 1L);
        assertThat(found.get(0).getScore()).isCloseTo(2f, within(1e-6f));
        assertThat(found.get(1).getScore()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void theIdfModifierWeighsEachQueryIndexByItsRarity() throws Exception {
        List<ScoredPoint> found = query("bm25", QueryFactory.nearest(List.of(1f), List.of(2)));

        // 3 documents, index 2 in 2 of them: idf = ln((3 - 2 + 0.5) / (2 + 0.5) + 1)
        float idf = (float) Math.log((3 - 2 + 0.5) / (2 + 0.5) + 1);
        assertThat(ids(found)).containsExactly(2L, 1L);
        assertThat(found.get(0).getScore()).isCloseTo(2f * idf, within(1e-5f));
        assertThat(found.get(1).getScore()).isCloseTo(idf, within(1e-5f));
    }

    @Test
    void aMultivectorSearchSumsEachQueryVectorsBestMatch() throws Exception {
        List<ScoredPoint> found = query("colbert", QueryFactory.nearest(new float[][] {{1f, 0f}, {0f, 1f}}));

        assertThat(ids(found)).containsExactly(1L, 3L, 2L).as("MaxSim 2, 1 (0 + 1), 1 (1 + 0): ties larger id first");
        assertThat(found.get(0).getScore()).isCloseTo(2f, within(1e-6f));
        assertThat(found.get(1).getScore()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void aHybridQueryFusesASparseAndADensePrefetchWithRrf() throws Exception {
        List<ScoredPoint> fused = get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(PrefetchQuery.newBuilder().setUsing("text")
                        .setQuery(QueryFactory.nearest(List.of(1f, 1f), List.of(1, 3))).setLimit(5))
                .addPrefetch(PrefetchQuery.newBuilder().setUsing("dense").setQuery(QueryFactory.nearest(1f, 0f))
                        .setLimit(5))
                .setQuery(QueryFactory.fusion(Fusion.RRF)).setLimit(3).build()));

        // sparse ranks 1, 3 (tie at 1.0, larger id first: 3, 1); dense ranks 1, 3, 2
        assertThat(ids(fused).get(0)).isIn(1L, 3L);
        assertThat(ids(fused)).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(fused.get(2).getId().getNum()).isEqualTo(2L);
    }

    @Test
    void storedSparseAndMultiVectorsComeBackAsGiven() throws Exception {
        RetrievedPoint p = get(client.retrieveAsync(c, List.of(PointIdFactory.id(1)), false, true, null)).get(0);

        var vectors = p.getVectors().getVectors().getVectorsMap();
        assertThat(vectors.get("text").getSparse().getIndicesList()).containsExactly(1, 2);
        assertThat(vectors.get("text").getSparse().getValuesList()).containsExactly(1f, 1f);
        assertThat(vectors.get("colbert").getMultiDense().getVectorsCount()).isEqualTo(2);
        assertThat(vectors.get("dense").getDense().getDataList()).containsExactly(1f, 0f);
    }
}
