package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.GeoBoundingBox;
import io.qdrant.client.grpc.Common.GeoLineString;
import io.qdrant.client.grpc.Common.GeoPoint;
import io.qdrant.client.grpc.Common.GeoPolygon;
import io.qdrant.client.grpc.Common.GeoRadius;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.List;
import java.util.Map;

/**
 * Geo conditions as Qdrant evaluates them on payload points {@code {"lon": x, "lat": y}}: inside a radius (haversine
 * distance on the mean Earth radius, strictly less than the radius), inside a bounding box (strict, crossing the
 * antimeridian when the left longitude exceeds the right) and inside a polygon with holes (interior only).
 */
final class Geo {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Geo() {
    }

    /** Qdrant's polygon validation: each ring has at least 4 points and is closed. */
    static void validate(GeoPolygon polygon) {
        validate(polygon.getExterior());
        polygon.getInteriorsList().forEach(Geo::validate);
    }

    private static void validate(GeoLineString line) {
        int n = line.getPointsCount();
        if (n <= 3) {
            throw QdrantErrors.validation("polygon invalid, the size must be at least 4, got " + n);
        }
        GeoPoint first = line.getPoints(0);
        GeoPoint last = line.getPoints(n - 1);
        if (Math.abs(first.getLat() - last.getLat()) > Math.ulp(1.0)
                || Math.abs(first.getLon() - last.getLon()) > Math.ulp(1.0)) {
            throw QdrantErrors.validation("polygon invalid, the first and the last points should be the same to "
                    + "form a closed line");
        }
    }

    static boolean inRadius(GeoRadius radius, List<Value> values) {
        return any(values, p -> distance(radius.getCenter(), p[0], p[1]) < radius.getRadius());
    }

    static boolean inBox(GeoBoundingBox box, List<Value> values) {
        double left = box.getTopLeft().getLon();
        double right = box.getBottomRight().getLon();
        double top = box.getTopLeft().getLat();
        double bottom = box.getBottomRight().getLat();
        return any(values, p -> {
            boolean lon = left > right ? p[0] > left || p[0] < right : left < p[0] && p[0] < right;
            return lon && bottom < p[1] && p[1] < top;
        });
    }

    static boolean inPolygon(GeoPolygon polygon, List<Value> values) {
        return any(values, p -> {
            if (!inside(polygon.getExterior(), p[0], p[1])) {
                return false;
            }
            for (GeoLineString hole : polygon.getInteriorsList()) {
                if (inside(hole, p[0], p[1])) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Ray casting over (lon, lat) as plane coordinates, as the geo crate's contains does. */
    private static boolean inside(GeoLineString ring, double x, double y) {
        boolean in = false;
        List<GeoPoint> pts = ring.getPointsList();
        for (int i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
            double xi = pts.get(i).getLon();
            double yi = pts.get(i).getLat();
            double xj = pts.get(j).getLon();
            double yj = pts.get(j).getLat();
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    /** Haversine distance in meters from {@code origin} to a payload geo point value. */
    static double distanceMeters(GeoPoint origin, Value point) {
        Map<String, Value> fields = point.getStructValue().getFieldsMap();
        Double lon = number(fields.get("lon"));
        Double lat = number(fields.get("lat"));
        if (lon == null || lat == null) {
            throw QdrantErrors.wrongInput("Expected geo point value in the payload and/or in the formula defaults");
        }
        return distance(origin, lon, lat);
    }

    private static double distance(GeoPoint a, double lon, double lat) {
        double lat1 = Math.toRadians(a.getLat());
        double lat2 = Math.toRadians(lat);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(lon - a.getLon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(h));
    }

    private interface PointTest {
        boolean test(double[] lonLat);
    }

    /** True when one of the values is a geo point passing the test. */
    private static boolean any(List<Value> values, PointTest test) {
        for (Value v : values) {
            if (!v.hasStructValue()) {
                continue;
            }
            Map<String, Value> fields = v.getStructValue().getFieldsMap();
            Double lon = number(fields.get("lon"));
            Double lat = number(fields.get("lat"));
            if (lon != null && lat != null && test.test(new double[] {lon, lat})) {
                return true;
            }
        }
        return false;
    }

    private static Double number(Value v) {
        if (v == null) {
            return null;
        }
        if (v.hasDoubleValue()) {
            return v.getDoubleValue();
        }
        return v.hasIntegerValue() ? (double) v.getIntegerValue() : null;
    }
}
