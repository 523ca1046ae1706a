package io.github.qdrantjca.faults.support;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.faults.app.FaultNames;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three Qdrant emulators of the fault suite, started on free ports before the server starts and
 * closed when the test JVM's run ends (also when tests fail): {@link #plain()} (the load pool's
 * Qdrant, with the collection the workers search), {@link #keyed()} (accepts only
 * {@link FaultNames#API_KEY_A}) and {@link #tls()} (TLS with the test certificate). Their
 * addresses are published as system properties for the server JVM: {@code fault.qdrant.host},
 * {@code fault.qdrant.port}, {@code fault.qdrant.key.port}, {@code fault.qdrant.tls.port},
 * {@code fault.qdrant.trust} (the certificate's PEM file).
 *
 * <p>The fault suite needs fault controls: with {@code -Dqdrant.target=host:port} (a real Qdrant) no
 * emulator starts, {@link #emulated()} is false and every scenario skips with {@link #skipReason()}.
 * Register it before the server's extensions.
 */
public final class FaultQdrants implements BeforeAllCallback {

    /** System properties a server JVM needs, in the order {@link #serverProperties()} lists them. */
    public static final String[] PROPERTIES = {
        "fault.qdrant.host", "fault.qdrant.port", "fault.qdrant.key.port", "fault.qdrant.tls.port", "fault.qdrant.trust"
    };

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultQdrants.class);
    private static volatile Emulators current;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!emulated()) {
            return;
        }
        current = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Emulators.class, k -> Emulators.start(),
                Emulators.class);
    }

    /** Whether the suite runs against the emulators (false when {@code -Dqdrant.target} names a real Qdrant). */
    public static boolean emulated() {
        return System.getProperty("qdrant.target", "").isBlank();
    }

    /** Why the scenarios skip when {@link #emulated()} is false. */
    public static String skipReason() {
        return "the fault suite stops, stalls and counts connections of the emulator; -Dqdrant.target="
                + System.getProperty("qdrant.target", "") + " points at a real Qdrant, so it is skipped";
    }

    /** The plaintext Qdrant of the load pool. */
    public static QdrantEmulator plain() {
        return emulators().plain;
    }

    /** The Qdrant that accepts only {@link FaultNames#API_KEY_A}. */
    public static QdrantEmulator keyed() {
        return emulators().keyed;
    }

    /** The TLS Qdrant. */
    public static QdrantEmulator tls() {
        return emulators().tls;
    }

    /** {@code -Dname=value} for each of {@link #PROPERTIES}. */
    public static String serverProperties() {
        StringBuilder options = new StringBuilder();
        for (String name : PROPERTIES) {
            options.append(" -D").append(name).append('=').append(System.getProperty(name));
        }
        return options.toString().trim();
    }

    private static Emulators emulators() {
        Emulators e = current;
        if (e == null) {
            throw new IllegalStateException("FaultQdrants is not registered on this test class");
        }
        return e;
    }

    /** The running emulators; closed by JUnit at the end of the run. */
    static final class Emulators implements ExtensionContext.Store.CloseableResource {

        final QdrantEmulator plain;
        final QdrantEmulator keyed;
        final QdrantEmulator tls;

        private Emulators(QdrantEmulator plain, QdrantEmulator keyed, QdrantEmulator tls) {
            this.plain = plain;
            this.keyed = keyed;
            this.tls = tls;
        }

        static Emulators start() {
            Path tlsDir = Path.of(System.getProperty("fault.tls.dir", "")).toAbsolutePath();
            Path cert = tlsDir.resolve("server.cert.pem");
            Path key = tlsDir.resolve("server.key.pem");
            if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
                throw new IllegalStateException("system property fault.tls.dir must name the directory of the test"
                        + " certificate (server.cert.pem, server.key.pem), was " + tlsDir);
            }
            QdrantEmulator plain = null;
            QdrantEmulator keyed = null;
            QdrantEmulator tls = null;
            try {
                plain = QdrantEmulator.builder().port(0).build().start();
                keyed = QdrantEmulator.builder().port(0).apiKey(FaultNames.API_KEY_A).build().start();
                tls = QdrantEmulator.builder().port(0).tls(cert, key).build().start();
                createCollection(plain);
            } catch (IOException | RuntimeException e) {
                closeAll(plain, keyed, tls);
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            System.setProperty("fault.qdrant.host", plain.host());
            System.setProperty("fault.qdrant.port", Integer.toString(plain.port()));
            System.setProperty("fault.qdrant.key.port", Integer.toString(keyed.port()));
            System.setProperty("fault.qdrant.tls.port", Integer.toString(tls.port()));
            System.setProperty("fault.qdrant.trust", cert.toString());
            return new Emulators(plain, keyed, tls);
        }

        /** The collection the load workers search, created before any server sees this Qdrant. */
        private static void createCollection(QdrantEmulator emulator) {
            try (QdrantClient client = new QdrantClient(
                    QdrantGrpcClient.newBuilder(emulator.host(), emulator.port(), false, false)
                            .withTimeout(Duration.ofSeconds(10)).build())) {
                client.createCollectionAsync(FaultNames.COLLECTION, VectorParams.newBuilder()
                        .setSize(FaultNames.DIMENSION).setDistance(Distance.Cosine).build()).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not create the load collection: " + e, e);
            }
        }

        private static void closeAll(QdrantEmulator... emulators) {
            for (QdrantEmulator e : emulators) {
                if (e != null) {
                    e.close();
                }
            }
        }

        @Override
        public void close() {
            closeAll(plain, keyed, tls);
        }
    }
}
