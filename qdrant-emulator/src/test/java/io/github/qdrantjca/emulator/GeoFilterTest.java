package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.GeoLineString;
import io.qdrant.client.grpc.Common.GeoPoint;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.ScrollPoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Geo radius, bounding box and polygon conditions on three cities. */
class GeoFilterTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static QdrantClient client;
    static TestSupport support;
    static String c;

    private static Value location(double lon, double lat) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putFields("lon", value(lon))
                .putFields("lat", value(lat))).build();
    }

    @BeforeAll
    static void fill() throws Exception {
        client = QDRANT.newClient();
        support = new TestSupport(client);
        c = support.collection("geo", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(
                point(1, new float[] {1f, 0f}, Map.of("loc", location(13.405, 52.52))), // Berlin
                point(2, new float[] {1f, 0f}, Map.of("loc", location(-0.1276, 51.5072))), // London
                point(3, new float[] {1f, 0f}, Map.of("loc", location(2.3522, 48.8566)))))); // Paris
    }

    @AfterAll
    static void drop() {
        support.dropAll();
    }

    private static List<Long> matching(Condition condition) throws Exception {
        return get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(c)
                .setFilter(Filter.newBuilder().addMust(condition)).build())).getResultList().stream()
                .map(p -> p.getId().getNum()).toList();
    }

    private static GeoLineString ring(double... lonLat) {
        GeoLineString.Builder b = GeoLineString.newBuilder();
        for (int i = 0; i < lonLat.length; i += 2) {
            b.addPoints(GeoPoint.newBuilder().setLon(lonLat[i]).setLat(lonLat[i + 1]));
        }
        return b.build();
    }

    @Test
    void aRadiusKeepsPointsCloserThanItInMeters() throws Exception {
        // London-Paris is about 344 km, London-Berlin about 930 km
        assertThat(matching(ConditionFactory.geoRadius("loc", 51.5072, -0.1276, 500_000f))).containsExactly(2L, 3L);
        assertThat(matching(ConditionFactory.geoRadius("loc", 51.5072, -0.1276, 300_000f))).containsExactly(2L);
    }

    @Test
    void aBoundingBoxKeepsPointsInsideIt() throws Exception {
        assertThat(matching(ConditionFactory.geoBoundingBox("loc", 53, -1, 48, 3))).containsExactly(2L, 3L);
    }

    @Test
    void aPolygonKeepsPointsInsideItsExteriorAndOutsideItsHoles() throws Exception {
        GeoLineString square = ring(12, 51, 15, 51, 15, 54, 12, 54, 12, 51);
        GeoLineString hole = ring(13, 52, 14, 52, 14, 53, 13, 53, 13, 52);

        assertThat(matching(ConditionFactory.geoPolygon("loc", square, List.of()))).containsExactly(1L);
        assertThat(matching(ConditionFactory.geoPolygon("loc", square, List.of(hole)))).isEmpty();
    }

    @Test
    void aPolygonRingOfFewerThanFourPointsIsRefused() {
        Status status = statusOf(() -> matching(ConditionFactory.geoPolygon("loc", ring(12, 51, 15, 51, 12, 51),
                List.of())));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("polygon invalid, the size must be at least 4, got 3");
    }
}
