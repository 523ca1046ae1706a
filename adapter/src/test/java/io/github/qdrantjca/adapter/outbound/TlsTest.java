package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulator;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** useTls and trustCertificate against a TLS-only server with a self-signed certificate. */
class TlsTest {

    private static final Path CERT = Path.of("src/test/resources/tls/server.cert.pem").toAbsolutePath();
    private static final Path KEY = Path.of("src/test/resources/tls/server.key.pem").toAbsolutePath();

    private static QdrantEmulator tlsServer;

    @BeforeAll
    static void start() throws Exception {
        tlsServer = QdrantEmulator.builder().tls(CERT, KEY).build().start();
    }

    @AfterAll
    static void stop() {
        tlsServer.close();
    }

    private static QdrantManagedConnectionFactory mcf(boolean useTls, Path trust) {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(tlsServer.host(), tlsServer.port(), null);
        mcf.setUseTls(useTls);
        mcf.setTrustCertificate(trust == null ? "" : trust.toString());
        return mcf;
    }

    @Test
    void tlsWithTheServersCertificateTrustedWorks() throws Exception {
        QdrantManagedConnectionFactory mcf = mcf(true, CERT);
        QdrantManagedConnection mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        try (QdrantConnection c = (QdrantConnection) mc.getConnection(null, null)) {
            assertThat(c.client().listCollectionsAsync().get(3, TimeUnit.SECONDS)).isEmpty();
        } finally {
            mc.destroy();
        }
        assertThat(mcf.statistics().physicalCreated()).isEqualTo(1);
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void plaintextAgainstATlsServerFailsSayingTheServerMayExpectTls() {
        QdrantManagedConnectionFactory mcf = mcf(false, null);

        assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("did not answer the health check")
                .hasMessageEndingWith("if Qdrant has TLS enabled, set useTls=true; otherwise check host and port");
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void tlsWithoutTrustingTheCertificateFailsSayingSo() {
        QdrantManagedConnectionFactory mcf = mcf(true, null);

        assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("(UNAVAILABLE")
                .hasMessageEndingWith("the server's certificate is not trusted; set trustCertificate to a PEM file of "
                        + "its certificate or CA");
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @Test
    void tlsAgainstAPlaintextServerFailsSayingTheServerSpeaksPlaintext() {
        try (QdrantEmulator plaintext = QdrantEmulator.builder().build().start()) {
            QdrantManagedConnectionFactory mcf = Fixtures.mcf(plaintext.host(), plaintext.port(), null);
            mcf.setUseTls(true);

            assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageEndingWith("the server answered in plaintext, not TLS: set useTls=false, or enable TLS "
                            + "on Qdrant");
            assertThat(mcf.statistics().physicalOpen()).isZero();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTrustFileThatIsNotPemIsRejectedBeforeAnythingIsOpened() throws Exception {
        Path notPem = Files.createTempFile("not-a-certificate", ".pem");
        try {
            Files.writeString(notPem, "hello");
            QdrantManagedConnectionFactory mcf = mcf(true, notPem);

            assertThatThrownBy(() -> mcf.createManagedConnection(null, null))
                    .isInstanceOf(ResourceException.class)
                    .hasMessageContaining("trustCertificate '" + notPem + "' is not a usable PEM certificate file");
            assertThat(mcf.statistics().physicalCreated()).isZero();
        } finally {
            Files.delete(notPem);
        }
    }
}
