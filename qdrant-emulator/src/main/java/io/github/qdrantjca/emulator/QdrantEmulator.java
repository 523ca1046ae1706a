package io.github.qdrantjca.emulator;

import io.github.qdrantjca.emulator.internal.CollectionsService;
import io.github.qdrantjca.emulator.internal.HealthServices;
import io.github.qdrantjca.emulator.internal.Persistence;
import io.github.qdrantjca.emulator.internal.PointsService;
import io.github.qdrantjca.emulator.internal.Snapshots;
import io.github.qdrantjca.emulator.internal.SnapshotsService;
import io.github.qdrantjca.emulator.internal.Storage;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * An in-process server that speaks Qdrant's gRPC protocol (health, collections, points) over real TCP on
 * 127.0.0.1, keeps its data in memory (or in a storage directory), and offers fault controls for tests: stop/restart, freeze/thaw, stall,
 * latency, failNext and connection counting.
 *
 * <p>Lifecycle: {@link #builder()} ... {@link Builder#build()} gives a stopped emulator; {@link #start()} binds the
 * port; {@link #stop()} closes the listener and every client connection but keeps the data and the port number;
 * {@link #restart()} listens again; {@link #close()} stops for good. All methods are thread-safe.
 */
public final class QdrantEmulator implements AutoCloseable {

    /** The loopback address the emulator listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = Logger.getLogger(QdrantEmulator.class.getName());
    private static final long STOP_GRACE_SECONDS = 5;

    private enum State { NEW, RUNNING, STOPPED, CLOSED }

    private final int requestedPort;
    private final String apiKey;
    private final Path certificate;
    private final Path privateKey;
    private final Path storageDir;
    private final java.util.List<Path> restores;
    private Persistence persistence; // guarded by this

    private final Storage storage = new Storage();
    private final Snapshots snapshots;
    private final FaultInjector faults = new FaultInjector();
    private final ConnectionCounter connections = new ConnectionCounter();
    private final CallCounter calls = new CallCounter();
    private final ClientSockets sockets = new ClientSockets();

    private State state = State.NEW; // guarded by this
    private Server server; // guarded by this
    private int boundPort = -1; // guarded by this

    private QdrantEmulator(Builder builder) {
        this.requestedPort = builder.port;
        this.apiKey = builder.apiKey;
        this.certificate = builder.certificate;
        this.privateKey = builder.privateKey;
        this.storageDir = builder.storageDir;
        this.restores = java.util.List.copyOf(builder.restores);
        this.snapshots = new Snapshots(storage, storageDir == null ? null : storageDir.resolve("snapshots"),
                storage.peerId());
    }

    /** A builder with the defaults: random free port, no API key, plaintext. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts answering; returns this. Idempotent while running. */
    public synchronized QdrantEmulator start() throws IOException {
        switch (state) {
            case RUNNING:
                return this;
            case CLOSED:
                throw new IllegalStateException("Qdrant emulator is closed");
            default:
                if (state == State.NEW) {
                    load();
                }
                server = newServer(state == State.NEW ? requestedPort : boundPort).start();
                boundPort = server.getPort();
                state = State.RUNNING;
                LOG.fine(() -> "Qdrant emulator listening on " + HOST + ":" + boundPort);
                return this;
        }
    }

    /** Loads the storage directory and the snapshots to restore (once, before the first start). */
    private void load() throws IOException {
        if (storageDir != null) {
            persistence = Persistence.open(storage, storageDir, restores);
        } else {
            Persistence.restoreAll(storage, restores);
        }
    }

    /** Listens again on the same port with the same data after {@link #stop()}. */
    public synchronized QdrantEmulator restart() throws IOException {
        if (state == State.NEW) {
            throw new IllegalStateException("Qdrant emulator was never started");
        }
        return start();
    }

    /**
     * Closes the listener and every open client connection at once, abruptly like a crashing server (clients see
     * UNAVAILABLE, calls in flight included); data, faults and the port number are kept. Idempotent.
     */
    public synchronized void stop() {
        if (state != State.RUNNING) {
            return;
        }
        shutdownServer();
        state = State.STOPPED;
    }

    /** Stops for good; idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        shutdownServer();
        faults.shutdown();
        sockets.shutdown();
        state = State.CLOSED;
        if (persistence != null) {
            try {
                persistence.close();
            } catch (IOException e) {
                LOG.log(java.util.logging.Level.WARNING, "Qdrant emulator could not write its storage checkpoint to "
                        + storageDir + "; the log there still holds every acknowledged write", e);
            }
        }
    }

    private void shutdownServer() {
        Server s = server;
        server = null;
        if (s == null) {
            return;
        }
        s.shutdown(); // no new connections
        sockets.closeAll(); // drop the open ones abruptly, as a crashing server would
        s.shutdownNow();
        try {
            if (!s.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning("Qdrant emulator on port " + boundPort + " did not terminate within "
                        + STOP_GRACE_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Server newServer(int port) throws IOException {
        NettyServerBuilder builder = sockets
                .configure(NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port)))
                .withChildOption(ChannelOption.TCP_NODELAY, true)
                .withOption(ChannelOption.SO_REUSEADDR, true)
                // Qdrant's server (tonic/hyper) answers every HTTP/2 ping: no ping-rate enforcement, no GOAWAY
                // too_many_pings, also without calls in flight
                .permitKeepAliveTime(0, TimeUnit.NANOSECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(HealthServices.qdrant())
                .addService(HealthServices.grpcHealth())
                .addService(new CollectionsService(storage))
                .addService(new PointsService(storage))
                .addService(new SnapshotsService(snapshots))
                .addTransportFilter(connections)
                .addStreamTracerFactory(calls)
                // interceptors run in reverse order of registration: faults first, then the API key
                .intercept(new ApiKeyCheck(apiKey))
                .intercept(faults);
        if (certificate != null) {
            builder.sslContext(sslContext());
        }
        return builder.build();
    }

    private SslContext sslContext() throws IOException {
        try {
            return GrpcSslContexts.forServer(certificate.toFile(), privateKey.toFile()).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot use TLS certificate " + certificate + " with key " + privateKey + ": "
                    + e.getMessage(), e);
        }
    }

    /** The address clients connect to: {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The bound port (stays the same across stop/restart); -1 before the first start. */
    public synchronized int port() {
        return boundPort;
    }

    /** True while listening. */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The storage directory, or null when the emulator keeps everything in memory. */
    public Path storageDir() {
        return storageDir;
    }

    /** True when clients must use TLS. */
    public boolean isTls() {
        return certificate != null;
    }

    /** The API key clients must send, or null when none is required. */
    public String apiKey() {
        return apiKey;
    }

    /** While on, calls are accepted but held unanswered; turning it off lets the held calls proceed. */
    public void stall(boolean on) {
        faults.stall(on);
    }

    /**
     * Freezes the network path: every open connection and every connection accepted from now on stays open, but
     * not one byte is read or written (requests, answers, HTTP/2 pings and their acknowledgements, TLS handshakes,
     * a close by the server all wait), as when a firewall drops a flow or a VM freezes. Unlike {@link #stall}, a
     * client's keepalive ping goes unanswered. Returns once nothing more is read; idempotent. {@link #stop()} still
     * drops the connections; the freeze itself is a fault that outlives stop/restart until {@link #thaw()} or
     * {@link #reset()}.
     */
    public void freeze() {
        sockets.freeze(true);
    }

    /** Ends a {@link #freeze()}: the held bytes go out in order and reading resumes; idempotent. */
    public void thaw() {
        sockets.freeze(false);
    }

    /** True between {@link #freeze()} and {@link #thaw()}. */
    public boolean isFrozen() {
        return sockets.isFrozen();
    }

    /** Delay added before every answer; {@link Duration#ZERO} for none. */
    public void latency(Duration latency) {
        faults.latency(latency);
    }

    /** The next {@code n} RPCs of any method (health included) fail with {@code status}. */
    public void failNext(int n, Status status) {
        faults.failNext("", n, status);
    }

    /** The next {@code n} RPCs whose full method name starts with {@code methodPrefix} fail with {@code status}. */
    public void failNext(String methodPrefix, int n, Status status) {
        faults.failNext(methodPrefix, n, status);
    }

    /** Client connections (transports) open right now. */
    public int openConnections() {
        return connections.open();
    }

    /** The most connections open at once since start or the last {@link #resetMaxOpenConnections()}. */
    public int maxOpenConnections() {
        return connections.max();
    }

    /** Starts a new high-water mark at the current number of open connections. */
    public void resetMaxOpenConnections() {
        connections.resetMax();
    }

    /** Connections accepted since start (counted once their HTTP/2 handshake is done). */
    public long totalConnections() {
        return connections.total();
    }

    /**
     * TCP connections since start that closed before their HTTP/2 handshake: TCP health probes, a plaintext client
     * on a TLS port. They are not in {@link #totalConnections()} and are logged at FINE only.
     */
    public long closedBeforeHandshake() {
        return connections.closedBeforeHandshake();
    }

    /** RPCs received since start, of all methods (failed and held ones included). */
    public long callCount() {
        return calls.count();
    }

    /** Drops all collections and aliases and clears every fault (thawed, stall off, no latency, no failNext). */
    public void reset() {
        storage.clear();
        faults.clear();
        sockets.freeze(false);
    }

    @Override
    public String toString() {
        return "QdrantEmulator[" + HOST + ":" + port() + (isTls() ? ", TLS" : "")
                + (apiKey != null ? ", api-key required" : "") + ", " + stateName() + "]";
    }

    private synchronized String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Configures a {@link QdrantEmulator}. */
    public static final class Builder {
        private int port;
        private String apiKey;
        private Path certificate;
        private Path privateKey;
        private Path storageDir;
        private final java.util.List<Path> restores = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * Keep collections on disk in {@code dir} (created if missing): what it holds is loaded on start, every
         * write is logged there before it is answered (forced to disk with {@code wait=true}), and snapshots are
         * files under {@code dir/snapshots}. Without it (the default) everything stays in memory.
         */
        public Builder storage(Path dir) {
            this.storageDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * On start, load a snapshot file this emulator wrote (of one collection or of the whole storage); its
         * collections replace those of the same name. May be given several times.
         */
        public Builder restoreSnapshot(Path snapshotFile) {
            Objects.requireNonNull(snapshotFile, "snapshotFile");
            if (!Files.isReadable(snapshotFile)) {
                throw new IllegalArgumentException("snapshot file is not readable: " + snapshotFile);
            }
            restores.add(snapshotFile);
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Require this API key (header {@code api-key} or {@code authorization: Bearer}); health stays open. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
            return this;
        }

        /** Serve TLS with this PEM certificate chain and PEM (PKCS#8) private key. */
        public Builder tls(Path certificatePem, Path privateKeyPem) {
            this.certificate = Objects.requireNonNull(certificatePem, "certificatePem");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /** A stopped emulator; call {@link QdrantEmulator#start()}. */
        public QdrantEmulator build() {
            if (certificate != null) {
                for (Path p : new Path[] {certificate, privateKey}) {
                    if (!Files.isReadable(p)) {
                        throw new IllegalArgumentException("TLS file is not readable: " + p);
                    }
                }
            }
            return new QdrantEmulator(this);
        }
    }
}
