package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** freeze / thaw: the network path goes silent in both directions, HTTP/2 pings included. Emulator only. */
class FreezeTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    /** How long "nothing arrives" is watched for; a frozen path never answers, so any margin is honest. */
    private static final Duration SILENCE = Duration.ofMillis(700);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @AfterEach
    void thaw() throws Exception {
        if (QDRANT.isEmulated()) {
            QDRANT.emulator().reset();
            QDRANT.emulator().restart();
        }
    }

    @Test
    void pingsAreAnsweredBeforeTheFreezeUnansweredDuringItAndAnsweredAfterTheThaw() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        try (RawHttp2 h2 = RawHttp2.connect(emulator.host(), emulator.port())) {
            h2.handshake(ANSWER);
            h2.ping(1);
            assertThat(h2.readUntil(f -> f.isPingAck(1), ANSWER)).isNotNull();

            emulator.freeze();
            h2.ping(2);

            assertThat(emulator.isFrozen()).isTrue();
            assertThat(h2.silentFor(SILENCE)).as("no byte at all while frozen").isTrue();

            emulator.thaw();

            assertThat(h2.readUntil(f -> f.isPingAck(2), ANSWER)).as("the held ping is answered").isNotNull();
        }
    }

    @Test
    void aNewConnectionDuringTheFreezeIsAcceptedButGetsNoBytesUntilTheThaw() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        emulator.freeze();
        try (RawHttp2 h2 = RawHttp2.connect(emulator.host(), emulator.port())) {
            h2.sendPreface();

            assertThat(h2.silentFor(SILENCE)).as("accepted, open, but silent (no SETTINGS, no close)").isTrue();

            emulator.thaw();

            assertThat(h2.readUntil(f -> f.type() == RawHttp2.SETTINGS, ANSWER)).isNotNull();
        }
    }

    @Test
    void aCallInFlightDuringTheFreezeIsNotReceivedAndCompletesAfterTheThaw() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        client.healthCheckAsync(ANSWER).get(); // the connection is up
        long callsBefore = emulator.callCount();
        emulator.freeze();

        Future<HealthCheckReply> inFlight = client.healthCheckAsync(Duration.ofSeconds(30));

        assertThat(catchThrowable(() -> inFlight.get(SILENCE.toMillis(), TimeUnit.MILLISECONDS)))
                .isInstanceOf(TimeoutException.class);
        assertThat(emulator.callCount()).as("the request never reached the server").isEqualTo(callsBefore);

        emulator.thaw();

        assertThat(inFlight.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS).getVersion()).isEqualTo("1.18.0");
        assertThat(emulator.callCount()).isEqualTo(callsBefore + 1);
    }

    @Test
    void aKeepaliveClientGivesUpOnAFrozenPathWithinKeepaliveTimePlusTimeout() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        ManagedChannel channel = NettyChannelBuilder.forAddress(emulator.host(), emulator.port()).usePlaintext()
                .keepAliveTime(10, TimeUnit.SECONDS) // grpc-java's floor
                .keepAliveTimeout(1, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build();
        try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false).build())) {
            client.healthCheckAsync(ANSWER).get();
            emulator.freeze();
            long start = System.nanoTime();

            Throwable thrown = catchThrowable(() -> client.healthCheckAsync(Duration.ofSeconds(60)).get(30,
                    TimeUnit.SECONDS));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(thrown).isInstanceOf(ExecutionException.class);
            Status status = ((StatusRuntimeException) thrown.getCause()).getStatus();
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).contains("Keepalive failed");
            assertThat(elapsedMillis).as("keepalive 10 s + timeout 1 s + margin").isLessThan(14_000);
            assertThat(channel.getState(false)).isNotEqualTo(ConnectivityState.READY);
        }
    }

    @Test
    void stopStillDropsFrozenConnectionsAndResetThaws() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        client.healthCheckAsync(ANSWER).get();
        emulator.freeze();
        Future<HealthCheckReply> inFlight = client.healthCheckAsync(Duration.ofSeconds(30));

        emulator.stop();

        Throwable thrown = catchThrowable(() -> inFlight.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(((StatusRuntimeException) thrown.getCause()).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(emulator.openConnections()).isZero();

        emulator.reset();
        emulator.restart();

        assertThat(emulator.isFrozen()).isFalse();
        await().atMost(ANSWER).ignoreExceptions()
                .until(() -> client.healthCheckAsync(Duration.ofSeconds(2)).get().getVersion().equals("1.18.0"));
    }

    @Test
    void stallStillAnswersPingsWhereFreezeDoesNot() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        try (RawHttp2 h2 = RawHttp2.connect(emulator.host(), emulator.port())) {
            h2.handshake(ANSWER);
            emulator.stall(true);

            h2.ping(3);

            assertThat(h2.readUntil(f -> f.isPingAck(3), ANSWER)).isNotNull();
        }
    }
}
