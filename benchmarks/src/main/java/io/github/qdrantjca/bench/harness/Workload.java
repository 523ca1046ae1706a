package io.github.qdrantjca.bench.harness;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;

import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The measured workload, in one place: the collection's shape and the three requests every client
 * under test sends. Upserts overwrite existing ids, so the collection keeps {@link #POINTS} points
 * and a search costs the same at the end of a run as at its start.
 */
public final class Workload {

    /** The collection the load runs against. */
    public static final String COLLECTION = "bench";
    /** Vector size (a common sentence-embedding size). */
    public static final int DIMENSION = 384;
    /** Points in the collection. */
    public static final int POINTS = 10_000;
    /** Hits a search asks for. */
    public static final int TOP = 10;
    /** Points in one upsert. */
    public static final int BATCH = 10;

    private Workload() {}

    /** A random unit-free vector of {@link #DIMENSION} components in [-1, 1). */
    public static List<Float> vector(SplittableRandom random) {
        List<Float> v = new ArrayList<>(DIMENSION);
        for (int i = 0; i < DIMENSION; i++) {
            v.add((float) (random.nextDouble() * 2 - 1));
        }
        return v;
    }

    /** The points with ids {@code first .. first+count-1}, vectors drawn from {@code seed}. */
    public static List<PointStruct> points(long first, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PointStruct> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(PointStruct.newBuilder().setId(id(first + i)).setVectors(vectors(vector(random))).build());
        }
        return points;
    }

    /** A top-{@link #TOP} search for a random vector. */
    public static SearchPoints search(SplittableRandom random) {
        return SearchPoints.newBuilder().setCollectionName(COLLECTION).addAllVector(vector(random))
                .setLimit(TOP).build();
    }

    /** A get of one random existing id, without payload and vectors. */
    public static GetPoints get(SplittableRandom random) {
        return GetPoints.newBuilder().setCollectionName(COLLECTION)
                .addIds(id(1 + random.nextInt(POINTS)))
                .setWithPayload(WithPayloadSelector.newBuilder().setEnable(false).build())
                .setWithVectors(WithVectorsSelector.newBuilder().setEnable(false).build())
                .build();
    }

    /** An upsert of {@link #BATCH} existing ids (consecutive, at a random place) with new vectors. */
    public static UpsertPoints upsert(SplittableRandom random) {
        long first = 1 + random.nextInt(POINTS - BATCH + 1);
        return UpsertPoints.newBuilder().setCollectionName(COLLECTION).setWait(true)
                .addAllPoints(points(first, BATCH, random.nextLong())).build();
    }
}
