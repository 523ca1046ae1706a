package io.github.qdrantjca.emulator;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void createUpsertSearchCountDelete() throws Exception {
        QdrantClient client = QDRANT.newClient();
        String name = "smoke_" + System.nanoTime();
        client.createCollectionAsync(name, VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                .get();
        client.upsertAsync(name, List.of(
                PointStruct.newBuilder().setId(id(1)).setVectors(vectors(1f, 0f))
                        .putAllPayload(Map.of("city", value("Berlin"))).build(),
                PointStruct.newBuilder().setId(id(2)).setVectors(vectors(0f, 1f)).build())).get();

        List<ScoredPoint> hits = client.searchAsync(SearchPoints.newBuilder().setCollectionName(name)
                .addAllVector(List.of(0.9f, 0.1f)).setLimit(5).build()).get();

        assertThat(hits).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L);
        assertThat(hits.get(0).getScore()).isCloseTo(0.9f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(client.countAsync(name).get()).isEqualTo(2L);
        assertThat(client.listCollectionsAsync().get()).contains(name);
        assertThat(client.deleteCollectionAsync(name).get().getResult()).isTrue();
        assertThat(client.collectionExistsAsync(name).get()).isFalse();
    }
}
