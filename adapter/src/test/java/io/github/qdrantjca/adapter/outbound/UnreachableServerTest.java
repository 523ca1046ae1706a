package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.emulator.QdrantEmulator;
import jakarta.resource.spi.ResourceAllocationException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Opening physical connections to a server that is down, or to a peer that never speaks gRPC. */
class UnreachableServerTest {

    @Test
    void aThousandFailedOpensAgainstAStoppedServerLeaveNothingOpen() throws Exception {
        try (QdrantEmulator emulator = QdrantEmulator.builder().build().start()) {
            emulator.stop();
            QdrantManagedConnectionFactory mcf = Fixtures.mcf(emulator.host(), emulator.port(), null);
            int failures = 0;
            int threadsBefore = Thread.activeCount();

            for (int i = 0; i < 1_000; i++) {
                try {
                    mcf.createManagedConnection(null, null);
                } catch (ResourceAllocationException e) {
                    failures++;
                    if (i == 0) {
                        assertThat(e).hasMessageStartingWith("Qdrant at " + emulator.host() + ":" + emulator.port()
                                        + " did not answer the health check within 2000 ms (UNAVAILABLE")
                                .hasMessageContaining("check host, port and useTls (now false)");
                    }
                }
            }

            assertThat(failures).isEqualTo(1_000);
            assertThat(mcf.statistics().physicalCreated()).isEqualTo(1_000);
            assertThat(mcf.statistics().physicalDestroyed()).isEqualTo(1_000);
            assertThat(mcf.statistics().physicalOpen()).isZero();
            assertThat(mcf.statistics().handlesOpen()).isZero();
            assertThat(emulator.openConnections()).isZero();
            // gRPC's shared event loop and executor are reused, not multiplied per failed channel.
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2 * Runtime.getRuntime().availableProcessors() + 4);
        }
    }

    @Test
    void aPeerThatAcceptsTcpButNeverSpeaksHttp2FailsWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> peerSawClose = CompletableFuture.supplyAsync(() -> acceptAndWaitForEof(silent));
            QdrantManagedConnectionFactory mcf = Fixtures.mcf("127.0.0.1", silent.getLocalPort(), null);
            mcf.setConnectTimeoutMillis(1_000L);

            long start = System.nanoTime();
            assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageContaining("did not answer the health check within 1000 ms (DEADLINE_EXCEEDED");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(millis).isLessThan(1_000 + 500);
            assertThat(mcf.statistics().physicalOpen()).isZero();
            assertThat(mcf.statistics().physicalDestroyed()).isEqualTo(1);
            // The adapter closed its TCP connection: the peer reads end-of-stream.
            assertThat(peerSawClose.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static boolean acceptAndWaitForEof(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true; // reset by the client: closed as well
        }
    }

    @Test
    void withSeveralHostsTheMessageNamesThemAll() throws Exception {
        try (QdrantEmulator a = QdrantEmulator.builder().build().start();
                QdrantEmulator b = QdrantEmulator.builder().build().start()) {
            a.stop();
            b.stop();
            QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
            String hosts = a.host() + ":" + a.port() + "," + b.host() + ":" + b.port();
            mcf.setHosts(hosts);

            assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageStartingWith("None of the Qdrant nodes [" + hosts.replace(",", ", ") + "] could be connected")
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).hasSize(1));
            assertThat(mcf.statistics().physicalOpen()).isZero();
            assertThat(mcf.statistics().physicalDestroyed()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(1)).until(() -> a.openConnections() + b.openConnections() == 0);
        }
    }
}
