package io.github.qdrantjca.bench.harness;

import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
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
 * The measured workloads, in one place: the collections' shapes and the requests every client under
 * test sends. {@link Mix#SEARCH}: search, get and upsert in turn on {@link #COLLECTION}; upserts
 * overwrite existing ids, so the collection keeps {@link #POINTS} points and a search costs the same
 * at the end of a run as at its start. {@link Mix#CHEAP}: a get of one point and a count with a filter
 * in turn on {@link #SMALL_COLLECTION}, calls that cost the server little, so that the client's share
 * of a call is large.
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
    /** The collection of the cheap mix. */
    public static final String SMALL_COLLECTION = "bench-small";
    /** Points in {@link #SMALL_COLLECTION}. */
    public static final int SMALL_POINTS = 1_000;
    /** The integer payload key of the points of {@link #SMALL_COLLECTION}: the id modulo {@link #GROUPS}. */
    public static final String GROUP = "group";
    /** Distinct values of {@link #GROUP}: a count with a filter on one of them answers {@code SMALL_POINTS / GROUPS}. */
    public static final int GROUPS = 10;

    /** A workload: which calls a worker sends, in turn. */
    public enum Mix {
        /** Search (top {@value #TOP} of {@value #POINTS}), get, upsert of {@value #BATCH}. */
        SEARCH(3),
        /** Get of one point of {@value #SMALL_POINTS}, count with a filter. */
        CHEAP(2);

        private final int calls;

        Mix(int calls) {
            this.calls = calls;
        }

        /** How many kinds of call a worker sends in turn. */
        public int calls() {
            return calls;
        }

        /** The name in URLs and results: {@code search} or {@code cheap}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The mix called {@code key}; an IllegalArgumentException naming the choices otherwise. */
        public static Mix of(String key) {
            for (Mix m : values()) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mix must be search or cheap, was " + key);
        }
    }

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

    /** A get of one random id of {@link #SMALL_COLLECTION}, without payload and vectors. */
    public static GetPoints smallGet(SplittableRandom random) {
        return GetPoints.newBuilder().setCollectionName(SMALL_COLLECTION)
                .addIds(id(1 + random.nextInt(SMALL_POINTS)))
                .setWithPayload(WithPayloadSelector.newBuilder().setEnable(false).build())
                .setWithVectors(WithVectorsSelector.newBuilder().setEnable(false).build())
                .build();
    }

    /** An exact count of the points of {@link #SMALL_COLLECTION} in one random group. */
    public static CountPoints count(SplittableRandom random) {
        return CountPoints.newBuilder().setCollectionName(SMALL_COLLECTION).setExact(true)
                .setFilter(Filter.newBuilder().addMust(match(GROUP, random.nextInt(GROUPS))).build())
                .build();
    }

    /**
     * The points of {@link #SMALL_COLLECTION} with ids {@code first .. first+count-1}: vectors drawn from
     * {@code seed}, payload {@link #GROUP} the id modulo {@link #GROUPS}.
     */
    public static List<PointStruct> smallPoints(long first, int count, long seed) {
        List<PointStruct> points = new ArrayList<>(count);
        for (PointStruct p : points(first, count, seed)) {
            points.add(p.toBuilder().putPayload(GROUP, value(p.getId().getNum() % GROUPS)).build());
        }
        return points;
    }

    /** An upsert of {@link #BATCH} existing ids (consecutive, at a random place) with new vectors. */
    public static UpsertPoints upsert(SplittableRandom random) {
        long first = 1 + random.nextInt(POINTS - BATCH + 1);
        return UpsertPoints.newBuilder().setCollectionName(COLLECTION).setWait(true)
                .addAllPoints(points(first, BATCH, random.nextLong())).build();
    }
}
