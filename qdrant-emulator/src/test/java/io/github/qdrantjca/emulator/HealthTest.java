package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import grpc.health.v1.HealthCheck.HealthCheckRequest;
import grpc.health.v1.HealthCheck.HealthCheckResponse.ServingStatus;
import grpc.health.v1.HealthGrpc;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void qdrantHealthCheckReportsTitleAndVersion() throws Exception {
        QdrantClient client = QDRANT.newClient();

        HealthCheckReply reply = client.healthCheckAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);

        assertThat(reply.getTitle()).isEqualTo("qdrant - vector search engine");
        if (QDRANT.isEmulated()) {
            assertThat(reply.getVersion()).isEqualTo("1.18.0");
        } else {
            assertThat(reply.getVersion()).startsWith("1.");
        }
    }

    @Test
    void grpcHealthCheckReportsServing() {
        QdrantClient client = QDRANT.newClient();

        ServingStatus status = HealthGrpc.newBlockingStub(client.grpcClient().channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();

        assertThat(status).isEqualTo(ServingStatus.SERVING);
    }
}
