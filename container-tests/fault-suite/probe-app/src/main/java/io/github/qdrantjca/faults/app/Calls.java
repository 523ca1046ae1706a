package io.github.qdrantjca.faults.app;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Qdrant calls the workers and probes make, each through a freshly borrowed handle. */
final class Calls {

    private static final int POINTS = 20;

    private Calls() {}

    /** A health check that answers the server's version. */
    interface VersionCall {
        String version() throws Exception;
    }

    /**
     * Runs {@code call}, timed: {@code ok} and the {@code version}, or not {@code ok} with the gRPC
     * {@code status}, the {@code error} and its {@code chain}; {@code millis} either way.
     */
    static Map<String, Object> timed(VersionCall call) {
        Map<String, Object> r = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            r.put("version", call.version());
            r.put("ok", true);
        } catch (Exception e) {
            r.put("ok", false);
            r.put("status", String.valueOf(Errors.statusCode(e)));
            r.put("error", Errors.describe(e));
            r.put("chain", Errors.chain(e));
        }
        r.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return r;
    }

    /** A search request for {@code collection} with a vector of {@code dimension} values. */
    static SearchPoints search(String collection, int dimension, int seed) {
        SearchPoints.Builder request = SearchPoints.newBuilder().setCollectionName(collection).setLimit(3);
        for (int i = 0; i < dimension; i++) {
            request.addVector((float) Math.sin(seed + i));
        }
        return request.build();
    }

    /** Runs {@code request} on its own handle: borrow, search, close. */
    static List<ScoredPoint> searchOnce(QdrantConnectionFactory factory, SearchPoints request) throws Exception {
        try (QdrantConnection handle = factory.getConnection()) {
            return handle.client().searchAsync(request).get();
        }
    }

    /** Creates {@code collection} (cosine, {@code dimension}) unless it exists, and upserts 20 points. */
    static int ensureCollection(QdrantConnectionFactory factory, String collection, int dimension) throws Exception {
        try (QdrantConnection handle = factory.getConnection()) {
            if (!handle.client().collectionExistsAsync(collection).get()) {
                handle.client().createCollectionAsync(collection,
                        VectorParams.newBuilder().setSize(dimension).setDistance(Distance.Cosine).build()).get();
            }
            List<PointStruct> points = new ArrayList<>();
            for (int p = 0; p < POINTS; p++) {
                float[] vector = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    vector[i] = (float) Math.cos(p * 7 + i);
                }
                points.add(PointStruct.newBuilder().setId(id(p + 1)).setVectors(vectors(vector)).build());
            }
            handle.client().upsertAsync(collection, points).get();
            return POINTS;
        }
    }
}
