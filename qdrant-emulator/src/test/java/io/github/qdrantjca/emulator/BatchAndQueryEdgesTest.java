package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PointsUpdateOperation;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deprecated operations of an update batch, and a query with prefetches but no query. */
class BatchAndQueryEdgesTest {

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

    @Test
    void theDeprecatedDeleteAndClearPayloadOperationsOfABatchStillWork() throws Exception {
        String c = support.collection("legacy_batch", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, new float[] {1, 0}, Map.of("k", value("v"))),
                point(2, new float[] {0, 1}, Map.of("k", value("v"))))));
        PointsSelector one = PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder()
                .addIds(PointIdFactory.id(1))).build();
        PointsSelector two = PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder()
                .addIds(PointIdFactory.id(2))).build();

        get(client.batchUpdateAsync(c, List.of(
                PointsUpdateOperation.newBuilder().setDeleteDeprecated(one).build(),
                PointsUpdateOperation.newBuilder().setClearPayloadDeprecated(two).build()), true, null, null));

        List<RetrievedPoint> left = get(client.retrieveAsync(c, List.of(PointIdFactory.id(1), PointIdFactory.id(2)),
                true, false, null));
        assertThat(left).extracting(p -> p.getId().getNum()).containsExactly(2L);
        assertThat(left.get(0).getPayloadMap()).isEmpty();
    }

    @Test
    void prefetchesWithoutAQueryAreQdrantsValidationError() throws Exception {
        String c = support.collection("prefetch_only", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, 1, 0))));

        Status status = statusOf(() -> get(client.queryAsync(QueryPoints.newBuilder().setCollectionName(c)
                .addPrefetch(PrefetchQuery.newBuilder().setQuery(QueryFactory.nearest(1f, 0f))).build())));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("cannot have prefetches without a query");
    }
}
