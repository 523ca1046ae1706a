package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.Distance;

/**
 * Qdrant's scoring: an internal score where larger is always better (Cosine and Dot: the dot product of the stored,
 * for Cosine normalised, vectors; Euclid: minus the squared distance; Manhattan: minus the distance) and the score
 * Qdrant reports (Euclid and Manhattan report the distance itself, ranked ascending).
 */
final class Distances {

    private Distances() {
    }

    /** The vector as Qdrant stores it: Cosine vectors are normalised (zero vectors left as they are). */
    static float[] preprocess(Distance distance, float[] vector) {
        if (distance != Distance.Cosine) {
            return vector;
        }
        float sum = 0f;
        for (float x : vector) {
            sum += x * x;
        }
        float length = (float) Math.sqrt(sum);
        if (length < Math.ulp(1.0f)) {
            return vector;
        }
        float[] normalised = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            normalised[i] = vector[i] / length;
        }
        return normalised;
    }

    /** Internal score of {@code query} against the vector stored at {@code data[offset..offset+dim)}. */
    static float score(Distance distance, float[] query, float[] data, int offset) {
        switch (distance) {
            case Euclid:
                return -squaredEuclid(query, data, offset);
            case Manhattan:
                return -manhattan(query, data, offset);
            default:
                return dot(query, data, offset);
        }
    }

    static float dot(float[] q, float[] data, int offset) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int n = q.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += q[i] * data[offset + i];
            s1 += q[i + 1] * data[offset + i + 1];
            s2 += q[i + 2] * data[offset + i + 2];
            s3 += q[i + 3] * data[offset + i + 3];
        }
        for (; i < n; i++) {
            s0 += q[i] * data[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@link #dot} of {@code q} with the four vectors at offsets {@code a, b, c, e} of {@code data}, into
     * {@code out[k..k+3]}: the same additions in the same order for each vector as {@link #dot} (so the same float
     * results), interleaved so that each query value is loaded once for four vectors and sixteen sums run side by
     * side.
     */
    static void dot4(float[] q, float[] data, int a, int b, int c, int e, float[] out, int k) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
        float b0 = 0f, b1 = 0f, b2 = 0f, b3 = 0f;
        float c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f;
        float e0 = 0f, e1 = 0f, e2 = 0f, e3 = 0f;
        int n = q.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float q0 = q[i];
            float q1 = q[i + 1];
            float q2 = q[i + 2];
            float q3 = q[i + 3];
            a0 += q0 * data[a + i];
            a1 += q1 * data[a + i + 1];
            a2 += q2 * data[a + i + 2];
            a3 += q3 * data[a + i + 3];
            b0 += q0 * data[b + i];
            b1 += q1 * data[b + i + 1];
            b2 += q2 * data[b + i + 2];
            b3 += q3 * data[b + i + 3];
            c0 += q0 * data[c + i];
            c1 += q1 * data[c + i + 1];
            c2 += q2 * data[c + i + 2];
            c3 += q3 * data[c + i + 3];
            e0 += q0 * data[e + i];
            e1 += q1 * data[e + i + 1];
            e2 += q2 * data[e + i + 2];
            e3 += q3 * data[e + i + 3];
        }
        for (; i < n; i++) {
            a0 += q[i] * data[a + i];
            b0 += q[i] * data[b + i];
            c0 += q[i] * data[c + i];
            e0 += q[i] * data[e + i];
        }
        out[k] = (a0 + a1) + (a2 + a3);
        out[k + 1] = (b0 + b1) + (b2 + b3);
        out[k + 2] = (c0 + c1) + (c2 + c3);
        out[k + 3] = (e0 + e1) + (e2 + e3);
    }

    static float squaredEuclid(float[] q, float[] data, int offset) {
        float s0 = 0f;
        float s1 = 0f;
        int n = q.length;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            float d0 = q[i] - data[offset + i];
            float d1 = q[i + 1] - data[offset + i + 1];
            s0 += d0 * d0;
            s1 += d1 * d1;
        }
        for (; i < n; i++) {
            float d = q[i] - data[offset + i];
            s0 += d * d;
        }
        return s0 + s1;
    }

    static float manhattan(float[] q, float[] data, int offset) {
        float s = 0f;
        for (int i = 0; i < q.length; i++) {
            s += Math.abs(q[i] - data[offset + i]);
        }
        return s;
    }

    /** The score Qdrant reports for an internal score. */
    static float reported(Distance distance, float internal) {
        switch (distance) {
            case Euclid:
                return (float) Math.sqrt(Math.abs(internal));
            case Manhattan:
                return Math.abs(internal);
            default:
                return internal;
        }
    }

    /** A reported score threshold as an internal one (results must score strictly better). */
    static float internalThreshold(Distance distance, float threshold) {
        switch (distance) {
            case Euclid:
                return -(threshold * threshold);
            case Manhattan:
                return -threshold;
            default:
                return threshold;
        }
    }

    /** Whether larger reported scores are better (ties are then broken by the larger id first). */
    static boolean largerIsBetter(Distance distance) {
        return distance == Distance.Cosine || distance == Distance.Dot;
    }
}
