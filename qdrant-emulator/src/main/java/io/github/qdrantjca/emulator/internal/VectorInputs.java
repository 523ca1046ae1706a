package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.Vector;
import java.util.List;

/** Reads dense vectors out of the request messages (the current oneof and the deprecated {@code data} field). */
final class VectorInputs {

    private VectorInputs() {
    }

    static float[] dense(Vector vector) {
        switch (vector.getVectorCase()) {
            case DENSE:
                return floats(vector.getDense().getDataList());
            case VECTOR_NOT_SET:
                if (vector.hasIndices() || vector.hasVectorsCount()) {
                    throw QdrantErrors.unsupported("sparse and multi-dense vectors");
                }
                return floats(vector.getDataList());
            case DOCUMENT:
            case IMAGE:
            case OBJECT:
                throw QdrantErrors.unsupported("inference (documents, images, objects)");
            default:
                throw QdrantErrors.unsupported("sparse and multi-dense vectors");
        }
    }

    static float[] dense(DenseVector vector) {
        return floats(vector.getDataList());
    }

    static float[] floats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
