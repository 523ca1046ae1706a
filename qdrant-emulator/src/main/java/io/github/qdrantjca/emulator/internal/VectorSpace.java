package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.Distance;
import java.util.Arrays;

/**
 * One (named or unnamed) dense vector of a collection: its size and distance, and the stored vectors of every point
 * slot in one flat {@code float[]} (slot i at {@code [i*dim, (i+1)*dim)}), so that a brute-force search is a tight
 * loop over primitive memory. Not thread-safe: the owning {@link CollectionData} guards it.
 */
final class VectorSpace {

    final String name;
    final int dim;
    final Distance distance;
    private float[] data = new float[0];
    private boolean[] present = new boolean[0];

    VectorSpace(String name, int dim, Distance distance) {
        this.name = name;
        this.dim = dim;
        this.distance = distance;
    }

    void ensureSlots(int slots) {
        if (present.length >= slots) {
            return;
        }
        int capacity = Math.max(slots, Math.max(16, present.length * 2));
        present = Arrays.copyOf(present, capacity);
        data = Arrays.copyOf(data, Math.multiplyExact(capacity, dim));
    }

    /** Stores {@code vector} (already checked for size) at {@code slot}, normalised for Cosine. */
    void put(int slot, float[] vector) {
        ensureSlots(slot + 1);
        System.arraycopy(Distances.preprocess(distance, vector), 0, data, slot * dim, dim);
        present[slot] = true;
    }

    void remove(int slot) {
        if (slot < present.length) {
            present[slot] = false;
        }
    }

    boolean has(int slot) {
        return slot < present.length && present[slot];
    }

    float[] get(int slot) {
        return Arrays.copyOfRange(data, slot * dim, (slot + 1) * dim);
    }

    /** Internal (larger is better) score of a preprocessed query against slot. */
    float score(float[] query, int slot) {
        return Distances.score(distance, query, data, slot * dim);
    }

    /** Throws Qdrant's dimension error unless {@code vector} has this space's size. */
    void checkSize(float[] vector) {
        if (vector.length != dim) {
            throw QdrantErrors.dimensionMismatch(dim, vector.length);
        }
    }
}
