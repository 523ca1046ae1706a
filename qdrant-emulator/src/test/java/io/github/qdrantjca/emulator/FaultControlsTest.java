package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator's fault controls, seen through the official client. Skipped against a real Qdrant. */
class FaultControlsTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @AfterEach
    void clearFaults() throws Exception {
        if (QDRANT.isEmulated()) {
            QDRANT.emulator().reset();
            QDRANT.emulator().restart();
        }
    }

    private static Status.Code codeOf(Throwable thrown) {
        Throwable t = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(t).isInstanceOf(StatusRuntimeException.class);
        return ((StatusRuntimeException) t).getStatus().getCode();
    }

    private static HealthCheckReply health(QdrantClient client) throws Exception {
        return client.healthCheckAsync(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void stopClosesConnectionsWithUnavailableAndRestartServesTheSameDataOnTheSamePort() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        client.createCollectionAsync("kept", io.qdrant.client.grpc.Collections.VectorParams.newBuilder().setSize(2)
                .setDistance(io.qdrant.client.grpc.Collections.Distance.Cosine).build()).get();
        int port = emulator.port();
        assertThat(emulator.openConnections()).isGreaterThanOrEqualTo(1);

        emulator.stop();

        assertThat(emulator.isRunning()).isFalse();
        assertThat(emulator.openConnections()).isZero();
        assertThatThrownBy(() -> health(client)).satisfies(t -> assertThat(codeOf(t)).isEqualTo(Status.Code.UNAVAILABLE));

        emulator.restart();

        assertThat(emulator.port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> health(client).getTitle().equals("qdrant - vector search engine"));
        assertThat(client.collectionExistsAsync("kept").get()).isTrue();
    }

    @Test
    void stalledCallFailsWithDeadlineExceededWithinDeadlinePlusHalfASecond() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        health(client);
        emulator.stall(true);

        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.healthCheckAsync(Duration.ofMillis(300)).get(5, TimeUnit.SECONDS));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(codeOf(thrown)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(elapsedMillis).isLessThan(800);
    }

    @Test
    void heldCallsProceedWhenTheStallIsLifted() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        health(client);
        emulator.stall(true);
        long before = emulator.callCount();

        Future<HealthCheckReply> held = client.healthCheckAsync(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.callCount() == before + 1);
        assertThat(held).isNotDone();

        emulator.stall(false);

        assertThat(held.get(5, TimeUnit.SECONDS).getVersion()).isEqualTo("1.18.0");
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        health(client);
        emulator.latency(Duration.ofMillis(400));

        long start = System.nanoTime();
        health(client);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.healthCheckAsync(Duration.ofMillis(150)).get(5, TimeUnit.SECONDS));
        assertThat(codeOf(thrown)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void failNextFailsExactlyTheNextCallsWithTheGivenStatus() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        emulator.failNext(2, Status.RESOURCE_EXHAUSTED.withDescription("slow down"));

        for (int i = 0; i < 2; i++) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> health(client));
            assertThat(codeOf(thrown)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(((StatusRuntimeException) thrown.getCause()).getStatus().getDescription())
                    .isEqualTo("slow down");
        }
        assertThat(health(client).getTitle()).isEqualTo("qdrant - vector search engine");
    }

    @Test
    void failNextWithPrefixFailsOnlyMatchingMethods() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        emulator.failNext("qdrant.Collections/", 1, Status.UNAVAILABLE);

        assertThat(health(client).getVersion()).isEqualTo("1.18.0");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.listCollectionsAsync().get(5, TimeUnit.SECONDS));
        assertThat(codeOf(thrown)).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(client.listCollectionsAsync().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void connectionsAreCountedAndReturnToZeroWhenClientsClose() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.openConnections() == 0);
        emulator.resetMaxOpenConnections();
        long totalBefore = emulator.totalConnections();
        List<QdrantClient> clients = List.of(QDRANT.newClient(), QDRANT.newClient(), QDRANT.newClient());
        for (QdrantClient c : clients) {
            health(c);
        }

        assertThat(emulator.openConnections()).isEqualTo(3);
        assertThat(emulator.maxOpenConnections()).isEqualTo(3);
        assertThat(emulator.totalConnections()).isEqualTo(totalBefore + 3);

        clients.forEach(QdrantClient::close);

        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.openConnections() == 0);
        assertThat(emulator.maxOpenConnections()).isEqualTo(3);
    }

    @Test
    void callCountCountsEveryRpc() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        long before = emulator.callCount();

        health(client);
        client.listCollectionsAsync().get();
        emulator.failNext(1, Status.INTERNAL);
        org.assertj.core.api.Assertions.catchThrowable(() -> health(client));

        assertThat(emulator.callCount()).isEqualTo(before + 3);
    }

    @Test
    void resetDropsCollectionsAndAliasesAndClearsFaults() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        client.createCollectionAsync("to_reset", io.qdrant.client.grpc.Collections.VectorParams.newBuilder()
                .setSize(2).setDistance(io.qdrant.client.grpc.Collections.Distance.Dot).build()).get();
        client.createAliasAsync("to_reset_alias", "to_reset").get();
        emulator.latency(Duration.ofSeconds(30));
        emulator.failNext(5, Status.INTERNAL);

        emulator.reset();

        assertThat(client.listCollectionsAsync().get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(client.listAliasesAsync().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void stopFailsHeldCallsWithUnavailable() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        health(client);
        emulator.stall(true);
        long before = emulator.callCount();
        Future<HealthCheckReply> held = client.healthCheckAsync(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.callCount() == before + 1);

        emulator.stop();

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> held.get(5, TimeUnit.SECONDS));
        assertThat(codeOf(thrown)).isEqualTo(Status.Code.UNAVAILABLE);
    }
}
