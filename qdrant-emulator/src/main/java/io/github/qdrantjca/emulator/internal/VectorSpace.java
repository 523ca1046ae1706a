package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.MultiDenseVector;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One (named or unnamed) vector of a collection and the vectors stored under it, per point slot. Three kinds:
 * dense (one flat {@code float[]}, slot i at {@code [i*dim, (i+1)*dim)}, so a brute-force search is a tight loop),
 * multi-dense (a list of vectors per point, compared by MaxSim) and sparse (indices and values per point, with an
 * inverted index and optional IDF weighting). Not thread-safe: the owning {@link CollectionData} guards it.
 */
final class VectorSpace {

    enum Kind { DENSE, MULTI, SPARSE }

    /** A sparse vector: strictly increasing indices and their values. */
    record Sparse(int[] indices, float[] values) {
    }

    final String name;
    final int dim;
    final Distance distance;
    final Kind kind;
    final boolean idf;

    private float[] data = new float[0];
    private boolean[] present = new boolean[0];
    private float[][][] multi = new float[0][][];
    private Sparse[] sparse = new Sparse[0];
    private final Map<Integer, Postings> postings = new HashMap<>();
    private int sparseCount;

    VectorSpace(String name, int dim, Distance distance) {
        this(name, dim, distance, Kind.DENSE, false);
    }

    VectorSpace(String name, int dim, Distance distance, Kind kind, boolean idf) {
        this.name = name;
        this.dim = dim;
        this.distance = distance;
        this.kind = kind;
        this.idf = idf;
    }

    void ensureSlots(int slots) {
        if (present.length >= slots) {
            return;
        }
        int capacity = Math.max(slots, Math.max(16, present.length * 2));
        present = Arrays.copyOf(present, capacity);
        switch (kind) {
            case DENSE:
                data = Arrays.copyOf(data, Math.multiplyExact(capacity, dim));
                break;
            case MULTI:
                multi = Arrays.copyOf(multi, capacity);
                break;
            default:
                sparse = Arrays.copyOf(sparse, capacity);
        }
    }

    /** Stores a vector (already checked by {@link #check}) at {@code slot}; Cosine vectors are normalised. */
    void put(int slot, Object vector) {
        ensureSlots(slot + 1);
        remove(slot);
        switch (kind) {
            case DENSE:
                System.arraycopy(Distances.preprocess(distance, (float[]) vector), 0, data, slot * dim, dim);
                break;
            case MULTI: {
                float[][] in = (float[][]) vector;
                float[][] stored = new float[in.length][];
                for (int i = 0; i < in.length; i++) {
                    stored[i] = Distances.preprocess(distance, in[i]);
                }
                multi[slot] = stored;
                break;
            }
            default: {
                Sparse s = (Sparse) vector;
                sparse[slot] = s;
                sparseCount++;
                for (int i = 0; i < s.indices.length; i++) {
                    postings.computeIfAbsent(s.indices[i], k -> new Postings()).add(slot, s.values[i]);
                }
            }
        }
        present[slot] = true;
    }

    void remove(int slot) {
        if (slot >= present.length || !present[slot]) {
            return;
        }
        present[slot] = false;
        if (kind == Kind.MULTI) {
            multi[slot] = null;
        } else if (kind == Kind.SPARSE) {
            Sparse s = sparse[slot];
            sparse[slot] = null;
            sparseCount--;
            for (int index : s.indices) {
                Postings p = postings.get(index);
                p.remove(slot);
                if (p.size == 0) {
                    postings.remove(index);
                }
            }
        }
    }

    boolean has(int slot) {
        return slot < present.length && present[slot];
    }

    /** The stored dense vector of a slot (a copy). */
    float[] get(int slot) {
        return Arrays.copyOfRange(data, slot * dim, (slot + 1) * dim);
    }

    /** The stored vector of a slot in the form {@link #put} takes: float[], float[][] or {@link Sparse}. */
    Object stored(int slot) {
        switch (kind) {
            case DENSE:
                return get(slot);
            case MULTI:
                return multi[slot];
            default:
                return sparse[slot];
        }
    }

    /** Internal (larger is better) score of a preprocessed dense query against slot. */
    float score(float[] query, int slot) {
        return Distances.score(distance, query, data, slot * dim);
    }

    /**
     * Internal scores of a preprocessed dense query against {@code count} slots, into {@code out}: the same values
     * as {@link #score}, four slots at a time for Cosine and Dot.
     */
    void scoreBlock(float[] query, int[] blockSlots, int count, float[] out) {
        int i = 0;
        if (distance == Distance.Cosine || distance == Distance.Dot) {
            for (; i + 3 < count; i += 4) {
                Distances.dot4(query, data, blockSlots[i] * dim, blockSlots[i + 1] * dim, blockSlots[i + 2] * dim,
                        blockSlots[i + 3] * dim, out, i);
            }
        }
        for (; i < count; i++) {
            out[i] = score(query, blockSlots[i]);
        }
    }

    /**
     * A query vector of any kind made ready for {@link #similarity}: checked against this space (kind and size),
     * Cosine vectors normalised.
     */
    Object prepare(Object vector) {
        Object checked = check(vector);
        switch (kind) {
            case DENSE:
                return Distances.preprocess(distance, (float[]) checked);
            case MULTI: {
                float[][] m = (float[][]) checked;
                float[][] prepared = new float[m.length][];
                for (int i = 0; i < m.length; i++) {
                    prepared[i] = Distances.preprocess(distance, m[i]);
                }
                return prepared;
            }
            default:
                return checked;
        }
    }

    /**
     * Internal (larger is better) similarity of a {@link #prepare prepared} query with the slot's vector: the dense
     * metric, MaxSim for multivectors, the dot product over shared indices for sparse vectors (no IDF weighting).
     */
    float similarity(Object prepared, int slot) {
        switch (kind) {
            case DENSE:
                return score((float[]) prepared, slot);
            case MULTI:
                return maxSim((float[][]) prepared, slot);
            default:
                return sparseDot((Sparse) prepared, sparse[slot]);
        }
    }

    private static float sparseDot(Sparse a, Sparse b) {
        float sum = 0f;
        int i = 0;
        int j = 0;
        while (i < a.indices.length && j < b.indices.length) {
            int c = Integer.compareUnsigned(a.indices[i], b.indices[j]);
            if (c == 0) {
                sum += a.values[i++] * b.values[j++];
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /** MaxSim: for each query vector (preprocessed), its best similarity to one of the slot's vectors, summed. */
    float maxSim(float[][] query, int slot) {
        float[][] doc = multi[slot];
        float sum = 0f;
        for (float[] q : query) {
            float best = Float.NEGATIVE_INFINITY;
            for (float[] d : doc) {
                best = Math.max(best, Distances.score(distance, q, d, 0));
            }
            sum += best;
        }
        return sum;
    }

    /**
     * Sparse dot products of {@code query} with every stored vector sharing an index with it, accumulated into
     * {@code scores} (by slot); returns the slots touched. With IDF, each query weight is multiplied by
     * {@code ln((N - df + 0.5) / (df + 0.5) + 1)} as Qdrant does (N vectors stored, df of them with the index).
     */
    int[] sparseScores(Sparse query, float[] scores) {
        int[] touched = new int[64];
        int count = 0;
        boolean[] seen = new boolean[scores.length];
        for (int i = 0; i < query.indices.length; i++) {
            Postings p = postings.get(query.indices[i]);
            if (p == null) {
                continue;
            }
            float weight = query.values[i];
            if (idf) {
                double n = sparseCount;
                double df = p.size;
                weight *= (float) Math.log((n - df + 0.5) / (df + 0.5) + 1.0);
            }
            int[] slots = p.slots;
            float[] values = p.values;
            for (int j = 0; j < p.size; j++) {
                int slot = slots[j];
                if (!seen[slot]) {
                    seen[slot] = true;
                    scores[slot] = 0f;
                    if (count == touched.length) {
                        touched = Arrays.copyOf(touched, count * 2);
                    }
                    touched[count++] = slot;
                }
                scores[slot] += weight * values[j];
            }
        }
        return Arrays.copyOf(touched, count);
    }

    /** Throws Qdrant's dimension error unless a dense {@code vector} has this space's size. */
    void checkSize(float[] vector) {
        if (kind != Kind.DENSE) {
            throw QdrantErrors.wrongInput("Conversion between multi and regular vectors failed");
        }
        if (vector.length != dim) {
            throw QdrantErrors.dimensionMismatch(dim, vector.length);
        }
    }

    /** Checks a parsed vector (float[], float[][] or {@link Sparse}) against this space's kind and size. */
    Object check(Object vector) {
        switch (kind) {
            case DENSE:
                if (!(vector instanceof float[])) {
                    throw QdrantErrors.wrongInput(vector instanceof Sparse ? "Wrong usage of sparse vectors"
                            : "Wrong usage of multi vectors");
                }
                checkSize((float[]) vector);
                return vector;
            case MULTI: {
                float[][] m = vector instanceof float[] ? new float[][] {(float[]) vector} : null;
                if (vector instanceof float[][]) {
                    m = (float[][]) vector;
                }
                if (m == null) {
                    throw QdrantErrors.wrongInput("Wrong usage of sparse vectors");
                }
                if (m.length == 0) {
                    throw QdrantErrors.validation("vectors: multi-vector must not be empty");
                }
                for (float[] v : m) {
                    if (v.length != dim) {
                        throw QdrantErrors.dimensionMismatch(dim, v.length);
                    }
                }
                return m;
            }
            default:
                if (!(vector instanceof Sparse)) {
                    throw QdrantErrors.wrongInput("Wrong usage of sparse vectors");
                }
                return vector;
        }
    }

    /** The stored vector of a slot as the API shows it. */
    VectorOutput output(int slot) {
        switch (kind) {
            case DENSE:
                return VectorOutput.newBuilder().setDense(dense(get(slot))).build();
            case MULTI: {
                MultiDenseVector.Builder m = MultiDenseVector.newBuilder();
                for (float[] v : multi[slot]) {
                    m.addVectors(dense(v));
                }
                return VectorOutput.newBuilder().setMultiDense(m).build();
            }
            default:
                return VectorOutput.newBuilder().setSparse(sparse(sparse[slot])).build();
        }
    }

    /** The stored vector of a slot as an upsert input. */
    Vector input(int slot) {
        switch (kind) {
            case DENSE:
                return Vector.newBuilder().setDense(dense(get(slot))).build();
            case MULTI: {
                MultiDenseVector.Builder m = MultiDenseVector.newBuilder();
                for (float[] v : multi[slot]) {
                    m.addVectors(dense(v));
                }
                return Vector.newBuilder().setMultiDense(m).build();
            }
            default:
                return Vector.newBuilder().setSparse(sparse(sparse[slot])).build();
        }
    }

    private static DenseVector dense(float[] v) {
        DenseVector.Builder b = DenseVector.newBuilder();
        for (float x : v) {
            b.addData(x);
        }
        return b.build();
    }

    private static SparseVector sparse(Sparse s) {
        SparseVector.Builder b = SparseVector.newBuilder();
        for (int i = 0; i < s.indices.length; i++) {
            b.addIndices(s.indices[i]).addValues(s.values[i]);
        }
        return b.build();
    }

    /** The (slot, value) pairs of one sparse index. */
    private static final class Postings {
        int[] slots = new int[4];
        float[] values = new float[4];
        int size;

        void add(int slot, float value) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            slots[size] = slot;
            values[size++] = value;
        }

        void remove(int slot) {
            for (int i = 0; i < size; i++) {
                if (slots[i] == slot) {
                    size--;
                    slots[i] = slots[size];
                    values[i] = values[size];
                    return;
                }
            }
        }
    }
}
