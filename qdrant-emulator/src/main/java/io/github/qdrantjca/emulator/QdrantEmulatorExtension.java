package io.github.qdrantjca.emulator;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class a Qdrant: a fresh {@link QdrantEmulator} per class (started before all
 * tests, closed after all, also when tests fail), or the real Qdrant named by {@code -Dqdrant.target=host:port}
 * (with {@code -Dqdrant.apiKey=...} and {@code -Dqdrant.tls=true} when needed).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();
 * }</pre>
 */
public final class QdrantEmulatorExtension implements BeforeAllCallback, AfterAllCallback {

    /** System property naming a real Qdrant ({@code host:port}); blank or absent means the emulator. */
    public static final String TARGET_PROPERTY = "qdrant.target";
    /** System property with the API key of the real Qdrant. */
    public static final String API_KEY_PROPERTY = "qdrant.apiKey";
    /** System property: {@code true} when the real Qdrant speaks TLS. */
    public static final String TLS_PROPERTY = "qdrant.tls";

    private final String configuredApiKey;
    private final Path certificate;
    private final Path privateKey;
    private final Path storageDir;
    private final List<QdrantClient> clients = new CopyOnWriteArrayList<>();
    private volatile QdrantEmulator emulator;
    private volatile String owner; // unique id of the class context that started the emulator

    /** An emulator without API key and without TLS. */
    public QdrantEmulatorExtension() {
        this(null, null, null, null);
    }

    private QdrantEmulatorExtension(String apiKey, Path certificate, Path privateKey, Path storageDir) {
        this.configuredApiKey = apiKey;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.storageDir = storageDir;
    }

    /** The same extension whose emulator requires {@code apiKey}. */
    public QdrantEmulatorExtension withApiKey(String apiKey) {
        return new QdrantEmulatorExtension(apiKey, certificate, privateKey, storageDir);
    }

    /** The same extension whose emulator serves TLS with this PEM certificate and key; clients trust it. */
    public QdrantEmulatorExtension withTls(Path certificatePem, Path privateKeyPem) {
        return new QdrantEmulatorExtension(configuredApiKey, certificatePem, privateKeyPem, storageDir);
    }

    /**
     * The same extension whose emulator keeps its collections in {@code dir} (see
     * {@link QdrantEmulator.Builder#storage(Path)}): a test class finds there what an earlier run left.
     */
    public QdrantEmulatorExtension withStorage(Path dir) {
        return new QdrantEmulatorExtension(configuredApiKey, certificate, privateKey, dir);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!isEmulated() || emulator != null) {
            return; // a real Qdrant, or a @Nested class inside the class that owns the emulator
        }
        owner = context.getUniqueId();
        QdrantEmulator.Builder builder = QdrantEmulator.builder().apiKey(configuredApiKey);
        if (certificate != null) {
            builder.tls(certificate, privateKey);
        }
        if (storageDir != null) {
            builder.storage(storageDir);
        }
        emulator = builder.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (owner != null && !owner.equals(context.getUniqueId())) {
            return; // a @Nested class ends; the owning class closes everything
        }
        try {
            for (QdrantClient client : clients) {
                client.close();
            }
        } finally {
            clients.clear();
            QdrantEmulator e = emulator;
            emulator = null;
            owner = null;
            if (e != null) {
                e.close();
            }
        }
    }

    /** False when {@code -Dqdrant.target} points at a real Qdrant. */
    public boolean isEmulated() {
        return target() == null;
    }

    /** The emulator; skips the calling test (visibly) when running against a real Qdrant. */
    public QdrantEmulator emulator() {
        Assumptions.assumeTrue(isEmulated(),
                "fault controls need the emulator; skipped against the real Qdrant at " + target());
        QdrantEmulator e = emulator;
        if (e == null) {
            throw new IllegalStateException("the extension has not started: register it with @RegisterExtension "
                    + "on a static field");
        }
        return e;
    }

    /** The host to connect to. */
    public String host() {
        String target = target();
        return target == null ? emulator().host() : target.substring(0, target.lastIndexOf(':'));
    }

    /** The port to connect to. */
    public int port() {
        String target = target();
        return target == null ? emulator().port() : Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    }

    /** The API key in force, or null. */
    public String apiKey() {
        if (isEmulated()) {
            return configuredApiKey;
        }
        String key = System.getProperty(API_KEY_PROPERTY);
        return key == null || key.isBlank() ? null : key;
    }

    /** True when clients must use TLS. */
    public boolean isTls() {
        return isEmulated() ? certificate != null : Boolean.getBoolean(TLS_PROPERTY);
    }

    /**
     * An official client for this Qdrant (TLS and API key as configured), built without the blocking
     * compatibility check; closed by the extension after the class.
     */
    public QdrantClient newClient() {
        QdrantGrpcClient.Builder builder;
        if (isEmulated() && certificate != null) {
            builder = QdrantGrpcClient.newBuilder(tlsChannel(), true, false);
        } else {
            builder = QdrantGrpcClient.newBuilder(host(), port(), isTls(), false);
        }
        String key = apiKey();
        if (key != null) {
            builder.withApiKey(key);
        }
        QdrantClient client = new QdrantClient(builder.build());
        clients.add(client);
        return client;
    }

    private ManagedChannel tlsChannel() {
        try {
            return NettyChannelBuilder.forAddress(host(), port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(certificate.toFile()).build())
                    .overrideAuthority("localhost")
                    .build();
        } catch (SSLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target() {
        String target = System.getProperty(TARGET_PROPERTY);
        return target == null || target.isBlank() ? null : target.trim();
    }
}
