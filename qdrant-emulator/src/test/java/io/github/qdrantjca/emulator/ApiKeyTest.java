package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import grpc.health.v1.HealthCheck.HealthCheckRequest;
import grpc.health.v1.HealthCheck.HealthCheckResponse.ServingStatus;
import grpc.health.v1.HealthGrpc;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API key checks: against the real Qdrant these need -Dqdrant.apiKey (skipped otherwise). */
class ApiKeyTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension().withApiKey("s3cr3t");

    static final List<QdrantClient> OWN_CLIENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void needsAKey() {
        org.junit.jupiter.api.Assumptions.assumeTrue(QDRANT.apiKey() != null,
                "the real Qdrant under test has no API key configured (-Dqdrant.apiKey)");
    }

    @AfterAll
    static void closeClients() {
        OWN_CLIENTS.forEach(QdrantClient::close);
    }

    private static QdrantClient client(UnaryOperator<QdrantGrpcClient.Builder> configure) {
        if (QDRANT.isTls() && QDRANT.isEmulated()) {
            throw new IllegalStateException("this test builds plaintext clients");
        }
        QdrantClient client = new QdrantClient(configure.apply(
                QdrantGrpcClient.newBuilder(QDRANT.host(), QDRANT.port(), QDRANT.isTls(), false)).build());
        OWN_CLIENTS.add(client);
        return client;
    }

    @Test
    void callWithTheKeyInTheApiKeyHeaderSucceeds() throws Exception {
        QdrantClient client = client(b -> b.withApiKey(QDRANT.apiKey()));

        assertThat(get(client.listCollectionsAsync())).isNotNull();
        assertThat(get(client.collectionExistsAsync(TestSupport.uniqueName("none")))).isFalse();
    }

    @Test
    void callWithTheKeyAsBearerTokenSucceeds() throws Exception {
        QdrantClient client = client(b -> b.withHeaders(Map.of("authorization", "Bearer " + QDRANT.apiKey())));

        assertThat(get(client.collectionExistsAsync(TestSupport.uniqueName("none")))).isFalse();
    }

    @Test
    void callWithoutKeyIsUnauthenticated() {
        QdrantClient client = client(b -> b);

        Status status = statusOf(() -> get(client.listCollectionsAsync()));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("Must provide an API key or an Authorization bearer token");
    }

    @Test
    void callWithAWrongKeyIsUnauthenticated() {
        QdrantClient client = client(b -> b.withApiKey("wrong-" + QDRANT.apiKey()));

        Status status = statusOf(() -> get(client.listCollectionsAsync()));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("Invalid API key or JWT");
    }

    @Test
    void healthChecksNeedNoKey() throws Exception {
        QdrantClient client = client(b -> b);

        assertThat(client.healthCheckAsync(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).getTitle())
                .isEqualTo("qdrant - vector search engine");
        assertThat(HealthGrpc.newBlockingStub(client.grpcClient().channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
