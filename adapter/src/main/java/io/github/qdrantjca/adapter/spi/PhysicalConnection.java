package io.github.qdrantjca.adapter.spi;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.github.qdrantjca.adapter.spi.QdrantAdapterConfig.Endpoint;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * One physical connection to one Qdrant node: a gRPC {@link ManagedChannel} this adapter built and
 * alone shuts down. Channel construction, the start-up check, validation and the bounded close all
 * live here.
 */
final class PhysicalConnection {

    private static final Logger LOG = Logger.getLogger(PhysicalConnection.class.getName());

    /** How long {@link #close()} lets calls in flight finish before it cuts them off. */
    static final Duration CLOSE_GRACE = Duration.ofMillis(500);

    static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Endpoint endpoint;
    private final ManagedChannel channel;
    private final Channel callChannel;
    private final AdapterCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean broken = new AtomicBoolean();
    // Copy-on-write: a call's outcome walks a snapshot while managed connections come and go.
    private final List<BrokenListener> brokenListeners = new CopyOnWriteArrayList<>();
    private int users = 1; // managed connections on this connection; guarded by the ChannelLeases that leased it
    private volatile String serverVersion;

    /** Wraps a channel someone else built; {@link #open} is the way in for the adapter, tests and benchmarks use this. */
    PhysicalConnection(Endpoint endpoint, ManagedChannel channel, String apiKey, AdapterCounters counters) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.counters = counters;
        // The last interceptor sees the call first: the observer must see the headers before the key is added.
        this.callChannel = ClientInterceptors.intercept(channel, new ApiKeyInterceptor(apiKey), new OutcomeObserver());
    }

    /**
     * Opens a channel to {@code endpoint} and checks, within the connect timeout, that a Qdrant
     * answers there. Whatever fails after the channel was built, the channel is shut down before
     * the exception leaves.
     */
    static PhysicalConnection open(Endpoint endpoint, QdrantAdapterConfig config, String apiKey,
            AdapterCounters counters, GrpcTransport transport) throws ResourceException {
        ManagedChannel channel = buildChannel(endpoint, config, transport);
        counters.physicalCreated.incrementAndGet();
        PhysicalConnection connection = new PhysicalConnection(endpoint, channel, apiKey, counters);
        try {
            HealthCheckReply reply = await(connection.health(config.connectTimeout()), config.connectTimeout());
            connection.serverVersion = reply.getVersion();
            return connection;
        } catch (Throwable t) {
            connection.closeNow();
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ResourceAllocationException e = new ResourceAllocationException("Qdrant at " + endpoint
                    + " did not answer the health check within " + config.connectTimeout().toMillis() + " ms ("
                    + describe(t) + "); " + advice(t, config.useTls()));
            e.initCause(t);
            throw e;
        }
    }

    /**
     * What to check after a failed open, saying so plainly when the failure shows a TLS mismatch:
     * a TLS client reading a plaintext answer, a plaintext client dropped by a TLS server, or a
     * certificate that is not trusted.
     */
    static String advice(Throwable failure, boolean useTls) {
        String causes = causeChainText(failure);
        if (useTls && causes.contains("not an SSL/TLS record")) {
            return "the server answered in plaintext, not TLS: set useTls=false, or enable TLS on Qdrant";
        }
        if (useTls && (causes.contains("PKIX") || causes.contains("certificate"))) {
            return "TLS handshake failed: the server's certificate is not trusted; set trustCertificate to a PEM "
                    + "file of its certificate or CA";
        }
        if (!useTls && (causes.contains("Connection reset") || causes.contains("Network closed")
                || causes.contains("first received frame was not SETTINGS"))) {
            return "the server dropped the plaintext HTTP/2 connection: if Qdrant has TLS enabled, set useTls=true; "
                    + "otherwise check host and port";
        }
        return "check host, port and useTls (now " + useTls + ")";
    }

    private static String causeChainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 10_000; t = t.getCause()) {
            text.append(t).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static ManagedChannel buildChannel(Endpoint endpoint, QdrantAdapterConfig config, GrpcTransport transport)
            throws ResourceException {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
        if (transport != null) {
            transport.apply(builder);
        }
        if (config.useTls()) {
            builder.useTransportSecurity();
            if (config.trustCertificate() != null) {
                try {
                    builder.sslContext(GrpcSslContexts.forClient()
                            .trustManager(config.trustCertificate().toFile()).build());
                } catch (SSLException | IllegalArgumentException e) {
                    throw new ResourceException("Invalid Qdrant adapter configuration: trustCertificate '"
                            + config.trustCertificate() + "' is not a usable PEM certificate file: " + e.getMessage(), e);
                }
            }
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    /** The channel calls go through: adds the API key and reports connection-fatal outcomes. */
    Channel callChannel() {
        return callChannel;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The version the server reported when this connection was opened. */
    String serverVersion() {
        return serverVersion;
    }

    /** A managed connection on this connection, told when a call's outcome means this connection is gone. */
    interface BrokenListener {
        /** Marks the managed connection broken (never to be handed out again); true the first time only. */
        boolean markBroken();

        /** Tells the container; called once, after {@link #markBroken()} returned true. */
        void reportBroken(Status status);
    }

    /**
     * Registers a managed connection on this connection. Returns {@code false} (and registers
     * nothing) when this connection was already found broken: then nobody would tell it.
     */
    boolean addBrokenListener(BrokenListener listener) {
        brokenListeners.add(listener);
        if (broken.get()) {
            brokenListeners.remove(listener);
            return false;
        }
        return true;
    }

    void removeBrokenListener(BrokenListener listener) {
        brokenListeners.remove(listener);
    }

    /** The first connection-fatal outcome marks this connection broken and tells every managed connection on it. */
    private void broken(Status status) {
        if (broken.compareAndSet(false, true)) {
            for (BrokenListener listener : brokenListeners) {
                if (listener.markBroken()) {
                    listener.reportBroken(status);
                }
            }
        }
    }

    /** Neither closed nor found broken: a new managed connection may share it. */
    boolean isLeasable() {
        return !closed.get() && !broken.get();
    }

    int users() {
        return users;
    }

    void addUser() {
        users++;
    }

    /** One user fewer; returns how many are left. */
    int removeUser() {
        return --users;
    }

    /**
     * Checks this connection without blocking; the future completes with {@code null} when it is
     * usable, or with a reason why not, within {@code timeout} (it never completes exceptionally).
     */
    CompletableFuture<String> validate(QdrantAdapterConfig.ValidationMode mode, Duration timeout) {
        CompletableFuture<String> check = switch (mode) {
            case HEALTH -> health(timeout).thenApply(reply -> (String) null);
            case CHANNEL -> ready();
        };
        return check.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> describe(t))
                .thenApply(reason -> reason == null ? null : "Qdrant at " + endpoint + " failed validation (" + reason + ")");
    }

    private CompletableFuture<HealthCheckReply> health(Duration deadline) {
        ListenableFuture<HealthCheckReply> call = QdrantGrpc.newFutureStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .healthCheck(HealthCheckRequest.getDefaultInstance());
        CompletableFuture<HealthCheckReply> result = new CompletableFuture<>();
        call.addListener(() -> {
            try {
                result.complete(call.get());
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, MoreExecutors.directExecutor());
        result.whenComplete((r, t) -> call.cancel(true));
        return result;
    }

    /** Completes with {@code null} once the channel is READY; with a reason if it fails or shuts down. */
    private CompletableFuture<String> ready() {
        CompletableFuture<String> result = new CompletableFuture<>();
        watchState(result);
        return result;
    }

    private void watchState(CompletableFuture<String> result) {
        ConnectivityState state = channel.getState(true);
        switch (state) {
            case READY -> result.complete(null);
            case TRANSIENT_FAILURE -> result.complete("channel in TRANSIENT_FAILURE");
            case SHUTDOWN -> result.complete("channel shut down");
            default -> channel.notifyWhenStateChanged(state, () -> {
                if (!result.isDone()) {
                    watchState(result);
                }
            });
        }
    }

    /**
     * Shuts the channel down: calls in flight get {@link #CLOSE_GRACE} to finish, then are cut
     * off. Idempotent; returns within about twice the grace period.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
                if (!channel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "gRPC channel to Qdrant at {0} did not terminate within {1} ms after shutdownNow",
                            new Object[] {endpoint, CLOSE_GRACE.toMillis()});
                }
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            counters.physicalDestroyed.incrementAndGet();
        }
    }

    /** Cuts the channel off at once (used when opening failed) and waits, bounded, until it is gone. */
    private void closeNow() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.shutdownNow();
        try {
            if (!channel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "gRPC channel to Qdrant at {0} did not terminate within {1} ms after shutdownNow",
                        new Object[] {endpoint, CLOSE_GRACE.toMillis()});
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            counters.physicalDestroyed.incrementAndGet();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private static <T> T await(CompletableFuture<T> future, Duration deadline) throws Throwable {
        try {
            // The RPC carries the deadline itself; the extra margin only guards against a lost callback.
            return future.get(deadline.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** A short, actionable description of why a check failed. */
    static String describe(Throwable t) {
        if (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return "no answer within the deadline";
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        Status status = Status.fromThrowable(t);
        if (status.getCode() != Status.Code.UNKNOWN || t instanceof StatusRuntimeException) {
            String cause = status.getCause() == null ? "" : ": " + status.getCause().getMessage();
            return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()) + cause;
        }
        return t.toString();
    }

    /** Sends the connection's API key unless the application put its own credentials on the call. */
    private static final class ApiKeyInterceptor implements ClientInterceptor {
        private final String apiKey;

        ApiKeyInterceptor(String apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            if (apiKey == null) {
                return next.newCall(method, options);
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    if (!headers.containsKey(API_KEY) && !headers.containsKey(AUTHORIZATION)) {
                        headers.put(API_KEY, apiKey);
                    }
                    super.start(listener, headers);
                }
            };
        }
    }

    /** Watches how each call ends and reports the ones that mean this connection is gone. */
    private final class OutcomeObserver implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    boolean connectionCredentials = options.getCredentials() == null
                            && !headers.containsKey(API_KEY) && !headers.containsKey(AUTHORIZATION);
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            // The container hears of a broken connection before the caller sees the error, so
                            // the event arrives while the handle is still in use and the connection can never
                            // go back to the pool first.
                            if (!status.isOk() && QdrantErrorClassifier.classify(status, connectionCredentials)
                                    == QdrantErrorClassifier.Verdict.CONNECTION_BROKEN) {
                                broken(status);
                            }
                            super.onClose(status, trailers);
                        }
                    }, headers);
                }
            };
        }
    }
}
