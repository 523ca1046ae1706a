package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectorsOutput;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Renders stored points as the messages Qdrant answers with, applying the payload and vector selectors. Called under
 * the owning collection's lock.
 */
final class PointOutput {

    private final Map<String, VectorSpace> spaces;
    private final boolean namedVectors;

    PointOutput(Map<String, VectorSpace> spaces, boolean namedVectors) {
        this.spaces = spaces;
        this.namedVectors = namedVectors;
    }

    RetrievedPoint retrieved(PointId id, int slot, Map<String, Value> payload, WithPayloadSelector withPayload,
            WithVectorsSelector withVectors) {
        RetrievedPoint.Builder b = RetrievedPoint.newBuilder().setId(id)
                .putAllPayload(Payloads.select(payload, withPayload));
        VectorsOutput vectors = vectors(slot, withVectors);
        if (vectors != null) {
            b.setVectors(vectors);
        }
        return b.build();
    }

    ScoredPoint scored(PointId id, int slot, Map<String, Value> payload, long version, float score,
            WithPayloadSelector withPayload, WithVectorsSelector withVectors) {
        ScoredPoint.Builder b = ScoredPoint.newBuilder().setId(id).setScore(score).setVersion(version)
                .putAllPayload(Payloads.select(payload, withPayload));
        VectorsOutput vectors = vectors(slot, withVectors);
        if (vectors != null) {
            b.setVectors(vectors);
        }
        return b.build();
    }

    /** A stored point as the upsert input that recreates it (for snapshots and the storage log). */
    io.qdrant.client.grpc.Points.PointStruct asInput(PointId id, int slot, Map<String, Value> payload) {
        io.qdrant.client.grpc.Points.PointStruct.Builder b = io.qdrant.client.grpc.Points.PointStruct.newBuilder()
                .setId(id).putAllPayload(payload);
        if (!namedVectors) {
            VectorSpace space = spaces.get("");
            if (space != null && space.has(slot)) {
                b.setVectors(io.qdrant.client.grpc.Points.Vectors.newBuilder().setVector(space.input(slot)));
            }
            return b.build();
        }
        io.qdrant.client.grpc.Points.NamedVectors.Builder named = io.qdrant.client.grpc.Points.NamedVectors
                .newBuilder();
        for (VectorSpace space : spaces.values()) {
            if (space.has(slot)) {
                named.putVectors(space.name, space.input(slot));
            }
        }
        return b.setVectors(io.qdrant.client.grpc.Points.Vectors.newBuilder().setVectors(named)).build();
    }

    private static io.qdrant.client.grpc.Points.Vector input(float[] v) {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float x : v) {
            dense.addData(x);
        }
        return io.qdrant.client.grpc.Points.Vector.newBuilder().setDense(dense).build();
    }

    /** The selected vectors of a slot; null when none are asked for. */
    private VectorsOutput vectors(int slot, WithVectorsSelector selector) {
        if (selector == null) {
            return null;
        }
        Set<String> wanted;
        switch (selector.getSelectorOptionsCase()) {
            case ENABLE:
                if (!selector.getEnable()) {
                    return null;
                }
                wanted = spaces.keySet();
                break;
            case INCLUDE:
                wanted = new HashSet<>(selector.getInclude().getNamesList());
                break;
            default:
                return null;
        }
        if (!namedVectors) {
            VectorSpace space = spaces.get("");
            if (!wanted.contains("") || !space.has(slot)) {
                return null;
            }
            return VectorsOutput.newBuilder().setVector(space.output(slot)).build();
        }
        NamedVectorsOutput.Builder named = NamedVectorsOutput.newBuilder();
        for (VectorSpace space : spaces.values()) {
            if (wanted.contains(space.name) && space.has(slot)) {
                named.putVectors(space.name, space.output(slot));
            }
        }
        return VectorsOutput.newBuilder().setVectors(named).build();
    }

    private static VectorOutput dense(float[] v) {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float x : v) {
            dense.addData(x);
        }
        return VectorOutput.newBuilder().setDense(dense).build();
    }
}
