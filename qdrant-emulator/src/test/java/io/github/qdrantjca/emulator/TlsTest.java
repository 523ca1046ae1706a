package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator serving TLS from a PEM certificate and key (src/test/resources/tls, CN=localhost). */
class TlsTest {

    static final Path CERT = resource("tls/server.cert.pem");
    static final Path KEY = resource("tls/server.key.pem");

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension().withTls(CERT, KEY);

    private static Path resource(String name) {
        try {
            return Path.of(TlsTest.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clientTrustingTheCertificateTalksTls() throws Exception {
        QdrantEmulator emulator = QDRANT.emulator();
        QdrantClient client = QDRANT.newClient();
        TestSupport support = new TestSupport(client);

        String name = support.collection("tls", 2, Distance.Cosine);

        assertThat(emulator.isTls()).isTrue();
        assertThat(get(client.healthCheckAsync(Duration.ofSeconds(5))).getVersion()).isEqualTo("1.18.0");
        assertThat(get(client.collectionExistsAsync(name))).isTrue();
    }

    @Test
    void plaintextClientCannotTalkToTheTlsPort() {
        QdrantEmulator emulator = QDRANT.emulator();
        try (QdrantClient plaintext = new QdrantClient(QdrantGrpcClient.newBuilder(emulator.host(), emulator.port(),
                false, false).build())) {
            Throwable thrown = catchThrowable(() -> plaintext.healthCheckAsync(Duration.ofSeconds(3))
                    .get(10, TimeUnit.SECONDS));

            assertThat(thrown).isInstanceOf(ExecutionException.class);
            assertThat(((StatusRuntimeException) thrown.getCause()).getStatus().getCode())
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
    }
}
