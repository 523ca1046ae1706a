package io.github.qdrantjca.adapter.transport;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One physical connection to one Qdrant node: a gRPC {@link ManagedChannel} this adapter built and
 * alone shuts down. It is broken, for good, by the first connection-fatal call outcome or by the
 * channel leaving READY (an unanswered keepalive, the server closing the connection), whether or
 * not a call is in flight; every managed connection on it is then told once.
 */
public final class PhysicalConnection {

    private static final Logger LOG = Logger.getLogger(PhysicalConnection.class.getName());

    /** How long {@link #close()} lets calls in flight finish before it cuts them off. */
    static final Duration CLOSE_GRACE = Duration.ofMillis(500);
    /** Guards against a lost callback: the health RPC carries the deadline itself. */
    private static final long CALLBACK_SLACK_MILLIS = 250;

    private final Endpoint endpoint;
    private final ManagedChannel channel;
    private final Channel callChannel;
    private final AdapterCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean broken = new AtomicBoolean();
    // Guarded by itself: a join and the break are ordered, so each listener is told or refused, exactly one.
    private final List<BrokenListener> brokenListeners = new ArrayList<>();
    private int users = 1; // managed connections on this connection; guarded by the ChannelLeases that leased it
    private volatile String serverVersion;

    /** Wraps a channel someone else built (benchmark and test seams); the adapter uses {@link #open}. */
    public PhysicalConnection(Endpoint endpoint, ManagedChannel channel, String apiKey, AdapterCounters counters) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.counters = counters;
        this.callChannel = ClientInterceptors.intercept(channel, new CallInterceptor(apiKey, this::markBroken));
    }

    /**
     * Opens a channel to {@code endpoint} and checks, before {@code deadline} ({@link System#nanoTime}),
     * that a Qdrant answers there. Whatever fails after the channel was built, the channel is shut
     * down before the exception leaves.
     */
    static PhysicalConnection open(Endpoint endpoint, ChannelSettings settings, String apiKey,
            AdapterCounters counters, GrpcTransport transport, long deadline) throws ResourceException {
        long budget = Math.max(1, Math.min(settings.connectTimeout().toMillis(),
                TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999)));
        ManagedChannel channel = GrpcTransport.channel(endpoint, settings, transport, budget);
        counters.physicalCreated();
        PhysicalConnection connection = new PhysicalConnection(endpoint, channel, apiKey, counters);
        try {
            connection.serverVersion = connection.health(Duration.ofMillis(budget))
                    .get(budget + CALLBACK_SLACK_MILLIS, TimeUnit.MILLISECONDS).getVersion();
            connection.watchConnectivity(false);
            return connection;
        } catch (Throwable t) {
            connection.close(Duration.ZERO);
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
            throw new ResourceAllocationException("Qdrant at " + endpoint
                    + " did not answer the health check within " + settings.connectTimeout().toMillis() + " ms"
                    + (budget < settings.connectTimeout().toMillis() - 50 ? " (" + budget + " ms left of its deadline)" : "")
                    + " (" + Diagnosis.describe(cause)
                    + "); " + Diagnosis.advice(cause, settings.useTls()), cause);
        }
    }

    /**
     * Breaks this connection when its channel leaves READY: the transport under it closed (an
     * unanswered keepalive, a reset, the server going away). This is how an idle connection, with no
     * call to fail, learns that its path went silent.
     */
    private void watchConnectivity(boolean seenReady) {
        ConnectivityState now = channel.getState(false);
        // Right after the first answer the channel may still report CONNECTING: its state follows the call.
        if (now == ConnectivityState.READY || !seenReady && now == ConnectivityState.CONNECTING) {
            channel.notifyWhenStateChanged(now, () -> watchConnectivity(seenReady || now == ConnectivityState.READY));
        } else if (!closed.get()) {
            markBroken(Status.UNAVAILABLE.withDescription("the connection was lost (channel went " + now
                    + ": keepalive unanswered, or closed by the server or the network)"));
        }
    }

    /** The channel calls go through: adds the API key and reports connection-fatal outcomes. */
    public Channel callChannel() {
        return callChannel;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The version the server reported when this connection was opened. */
    public String serverVersion() {
        return serverVersion;
    }

    /** A managed connection on this connection, told (once, by {@link #markBroken}) when this connection is gone. */
    public interface BrokenListener {
        /** Marks the managed connection broken, never to be matched again; true the first time only. */
        boolean markBroken();

        /** Tells the container; called once, after {@link #markBroken()} returned true. */
        void reportBroken(Status status);
    }

    /**
     * Registers a managed connection on this connection. Returns {@code false} (and registers
     * nothing) when this connection was already found broken. Invariant, whatever the interleaving
     * with {@link #markBroken}: a listener is either told of the break or sees {@code false} here,
     * exactly one of the two, so a refused joiner stays unmarked and may join another connection.
     */
    public boolean addBrokenListener(BrokenListener listener) {
        synchronized (brokenListeners) {
            return !broken.get() && brokenListeners.add(listener);
        }
    }

    public void removeBrokenListener(BrokenListener listener) {
        synchronized (brokenListeners) {
            brokenListeners.remove(listener);
        }
    }

    /** The first connection-fatal outcome marks this connection broken and tells every managed connection on it. */
    public void markBroken(Status status) {
        List<BrokenListener> joined;
        synchronized (brokenListeners) {
            if (!broken.compareAndSet(false, true)) {
                return;
            }
            joined = new ArrayList<>(brokenListeners);
        }
        // Every managed connection is marked before the first is reported: while the container
        // handles one event (WildFly logs a stack trace per event), a borrower must not be matched
        // to another managed connection of this broken channel.
        List<BrokenListener> marked = new ArrayList<>();
        for (BrokenListener listener : joined) {
            if (listener.markBroken()) {
                marked.add(listener);
            }
        }
        marked.forEach(listener -> listener.reportBroken(status));
    }

    /** Neither closed nor found broken: a new managed connection may share it. */
    boolean isLeasable() {
        return !closed.get() && !broken.get();
    }

    public int users() {
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
     * Checks this connection without blocking: Qdrant's health RPC, or (with {@code healthRpc} false)
     * only that the channel is READY, which the connectivity watch keeps true for an unbroken one.
     * Completes with {@code null} when usable, else with a reason, within {@code timeout}; never
     * exceptionally.
     */
    public CompletableFuture<String> validate(boolean healthRpc, Duration timeout) {
        ConnectivityState state = channel.getState(false);
        CompletableFuture<String> check = healthRpc ? health(timeout).thenApply(reply -> (String) null)
                : CompletableFuture.completedFuture(state == ConnectivityState.READY ? null : "channel " + state);
        return check.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(Diagnosis::describe)
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

    /** Shuts the channel down, letting calls in flight finish for {@link #CLOSE_GRACE}. See {@link #close(Duration)}. */
    void close() {
        close(CLOSE_GRACE);
    }

    /**
     * Shuts the channel down: calls in flight get {@code grace} to finish, then are cut off; waits
     * at most {@link #CLOSE_GRACE} more for the channel to end. Idempotent.
     */
    private void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.shutdown();
            if (grace.isZero() || !channel.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
                if (!channel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "QDRANT-020 gRPC channel to Qdrant at {0} did not terminate within {1} ms "
                            + "after shutdownNow", new Object[] {endpoint, CLOSE_GRACE.toMillis()});
                }
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            counters.physicalDestroyed();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }
}
