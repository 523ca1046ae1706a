package io.github.qdrantjca.emulator.internal;

import grpc.health.v1.HealthCheck;
import grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/** The two health RPCs: {@code qdrant.Qdrant/HealthCheck} and {@code grpc.health.v1.Health/Check}. */
public final class HealthServices {

    /** The title a real Qdrant reports. */
    public static final String TITLE = "qdrant - vector search engine";
    /** The Qdrant version the emulator imitates. */
    public static final String VERSION = "1.18.0";

    /** Full method names that need no API key. */
    public static final java.util.Set<String> UNAUTHENTICATED_METHODS = java.util.Set.of(
            QdrantGrpc.getHealthCheckMethod().getFullMethodName(),
            HealthGrpc.getCheckMethod().getFullMethodName());

    private HealthServices() {
    }

    /** {@code qdrant.Qdrant}. */
    public static QdrantGrpc.QdrantImplBase qdrant() {
        return new QdrantGrpc.QdrantImplBase() {
            @Override
            public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
                Unary.answer(observer, () -> HealthCheckReply.newBuilder()
                        .setTitle(TITLE).setVersion(VERSION).setCommit("emulator").build());
            }
        };
    }

    /** {@code grpc.health.v1.Health}: always SERVING while the emulator answers at all. */
    public static HealthGrpc.HealthImplBase grpcHealth() {
        return new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheck.HealthCheckRequest request,
                    StreamObserver<HealthCheck.HealthCheckResponse> observer) {
                Unary.answer(observer, () -> HealthCheck.HealthCheckResponse.newBuilder()
                        .setStatus(HealthCheck.HealthCheckResponse.ServingStatus.SERVING).build());
            }
        };
    }
}
