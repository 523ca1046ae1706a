package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.MultiDenseVector;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import java.util.Arrays;
import java.util.List;

/**
 * Reads vectors out of the request messages (the current oneofs and the deprecated {@code data} / {@code indices} /
 * {@code vectors_count} fields) as float[] (dense), float[][] (multi-dense) or {@link VectorSpace.Sparse}.
 */
final class VectorInputs {

    private VectorInputs() {
    }

    /** A dense vector; Qdrant's wrong-usage error for another kind. */
    static float[] dense(Vector vector) {
        Object v = any(vector);
        if (v instanceof float[]) {
            return (float[]) v;
        }
        throw QdrantErrors.wrongInput(v instanceof VectorSpace.Sparse ? "Wrong usage of sparse vectors"
                : "Wrong usage of multi vectors");
    }

    /** Any vector: float[], float[][] or {@link VectorSpace.Sparse}. */
    static Object any(Vector vector) {
        switch (vector.getVectorCase()) {
            case DENSE:
                return floats(vector.getDense().getDataList());
            case SPARSE:
                return sparse(vector.getSparse());
            case MULTI_DENSE:
                return multi(vector.getMultiDense());
            case VECTOR_NOT_SET: {
                float[] data = floats(vector.getDataList());
                if (vector.hasIndices()) {
                    return sparse(vector.getIndices().getDataList(), vector.getDataList());
                }
                if (vector.hasVectorsCount() && vector.getVectorsCount() > 0) {
                    int n = vector.getVectorsCount();
                    if (data.length % n != 0) {
                        throw QdrantErrors.validation("vectors_count: " + data.length + " values cannot be split into "
                                + n + " vectors");
                    }
                    int dim = data.length / n;
                    float[][] m = new float[n][];
                    for (int i = 0; i < n; i++) {
                        m[i] = Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
                    }
                    return m;
                }
                return data;
            }
            default:
                throw QdrantErrors.unsupported("inference (documents, images, objects)");
        }
    }

    static float[] dense(DenseVector vector) {
        return floats(vector.getDataList());
    }

    static float[][] multi(MultiDenseVector vector) {
        float[][] m = new float[vector.getVectorsCount()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = floats(vector.getVectors(i).getDataList());
        }
        return m;
    }

    static VectorSpace.Sparse sparse(SparseVector vector) {
        return sparse(vector.getIndicesList(), vector.getValuesList());
    }

    /** A sparse vector sorted by index; indices and values must pair up and indices must be unique. */
    static VectorSpace.Sparse sparse(List<Integer> indices, List<Float> values) {
        if (indices.size() != values.size()) {
            throw QdrantErrors.validation("indices: must be the same length as values");
        }
        Integer[] order = new Integer[indices.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compareUnsigned(indices.get(a), indices.get(b)));
        int[] idx = new int[order.length];
        float[] val = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            idx[i] = indices.get(order[i]);
            val[i] = values.get(order[i]);
            if (i > 0 && idx[i] == idx[i - 1]) {
                throw QdrantErrors.validation("indices: must be unique");
            }
        }
        return new VectorSpace.Sparse(idx, val);
    }

    static float[] floats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
