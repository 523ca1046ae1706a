package io.github.qdrantjca.adapter.transport;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the managed connections of one factory get their physical connections and give them back:
 * failover over the nodes (round robin, a node that does not answer is skipped), each within one
 * deadline, and the one place that decides whether they share channels (the {@code sharedChannels}
 * property).
 *
 * <p>With {@code sharedChannels=0} every lease opens a new physical connection and its release
 * closes it. With N &gt; 0, leases for one node and API key share at most N usable physical
 * connections: a lease joins the one with the fewest users once N are open (or being opened), and
 * the last release closes it. A physical connection a call found broken is never leased again; it
 * closes when the managed connections on it, each told of the break, have been destroyed. So every
 * open physical connection has at least one managed connection on it, and there are never more
 * physical connections than managed connections.
 */
public final class ChannelLeases {

    private static final Logger LOG = Logger.getLogger(ChannelLeases.class.getName());
    /** How often a lease is retried when its shared connection closed or broke as the managed connection joined it. */
    private static final int REGISTER_ATTEMPTS = 3;

    private record Key(Endpoint endpoint, String apiKey) {}

    /** The physical connections of one node and key: usable ones, and opens in progress. */
    private static final class Shared {
        final List<PhysicalConnection> open = new ArrayList<>();
        final List<CompletableFuture<PhysicalConnection>> opening = new ArrayList<>();
    }

    private final AdapterCounters counters;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Key, Shared> shared = new HashMap<>(); // guarded by this

    public ChannelLeases(AdapterCounters counters) {
        this.counters = counters;
    }

    /**
     * A physical connection with {@code listener} registered on it. The nodes are tried in turn,
     * starting with the next in round-robin order; each gets {@code connectTimeout}, and none
     * anything past {@code deadline} ({@link System#nanoTime}), which the caller computed once.
     *
     * @throws ResourceAllocationException when no node could be connected; it names each failure
     */
    public PhysicalConnection connect(List<Endpoint> endpoints, String apiKey, ChannelSettings settings,
            GrpcTransport transport, PhysicalConnection.BrokenListener listener, long deadline) throws ResourceException {
        int start = Math.floorMod(next.getAndIncrement(), endpoints.size());
        ResourceException failure = null;
        int tried = 0;
        for (; tried < endpoints.size() && deadline - System.nanoTime() > 0; tried++) {
            Endpoint endpoint = endpoints.get((start + tried) % endpoints.size());
            long nodeDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
            try {
                return register(endpoint, apiKey, settings, transport, listener, nodeDeadline);
            } catch (ResourceException e) {
                LOG.log(Level.FINE, "QDRANT-030 Qdrant node {0} skipped: {1}", new Object[] {endpoint, e.getMessage()});
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        if (failure == null) {
            throw new ResourceAllocationException("No time left to connect to Qdrant at " + endpoints);
        }
        if (endpoints.size() == 1) {
            throw failure;
        }
        throw new ResourceAllocationException("None of the Qdrant nodes " + endpoints
                + " could be connected (" + tried + " tried); first failure: " + failure.getMessage(), failure);
    }

    /** A lease on {@code endpoint} that {@code listener} is registered on; a lease that broke first is given back. */
    private PhysicalConnection register(Endpoint endpoint, String apiKey, ChannelSettings settings,
            GrpcTransport transport, PhysicalConnection.BrokenListener listener, long deadline) throws ResourceException {
        for (int attempt = 1; ; attempt++) {
            PhysicalConnection physical = acquire(endpoint, apiKey, settings, transport, deadline);
            if (physical != null && physical.addBrokenListener(listener)) {
                return physical;
            }
            if (physical != null) {
                release(physical, listener);
            }
            if (attempt == REGISTER_ATTEMPTS || deadline - System.nanoTime() <= 0) {
                throw new ResourceAllocationException("Qdrant at " + endpoint + ": the shared channel closed or broke as "
                        + "this connection joined it, " + attempt + " times in a row (" + TimeUnit.NANOSECONDS.toMillis(
                                Math.max(0, deadline - System.nanoTime())) + " ms left)");
            }
        }
    }

    /**
     * A physical connection to {@code endpoint} for one new managed connection: a new one, or (when
     * sharing) one already open. Everything, opening or waiting for another lease's open (whose
     * failure it then shares), ends by {@code deadline} ({@link System#nanoTime}). {@code null} when
     * the shared connection it waited for closed or broke before it could join.
     */
    private PhysicalConnection acquire(Endpoint endpoint, String apiKey, ChannelSettings settings, GrpcTransport transport,
            long deadline) throws ResourceException {
        int sharedChannels = settings.sharedChannels();
        if (sharedChannels == 0) {
            return PhysicalConnection.open(endpoint, settings, apiKey, counters, transport, deadline);
        }
        Key key = new Key(endpoint, apiKey);
        CompletableFuture<PhysicalConnection> opening;
        boolean opener;
        synchronized (this) {
            Shared s = shared.computeIfAbsent(key, k -> new Shared());
            s.open.removeIf(p -> !p.isLeasable());
            opener = s.open.size() + s.opening.size() < sharedChannels;
            if (opener) {
                opening = new CompletableFuture<>();
                s.opening.add(opening);
            } else if (!s.open.isEmpty()) {
                PhysicalConnection least = Collections.min(s.open, Comparator.comparingInt(PhysicalConnection::users));
                least.addUser();
                return least;
            } else {
                opening = s.opening.get(0);
            }
        }
        if (opener) {
            return open(key, opening, settings, transport, deadline);
        }
        PhysicalConnection joined = join(opening, endpoint, deadline);
        synchronized (this) {
            if (joined.isLeasable() && joined.users() > 0) {
                joined.addUser();
                return joined;
            }
        }
        return null; // the connection it waited for closed or broke first; the caller may try again
    }

    private PhysicalConnection open(Key key, CompletableFuture<PhysicalConnection> opening, ChannelSettings settings,
            GrpcTransport transport, long deadline) throws ResourceException {
        PhysicalConnection opened;
        try {
            opened = PhysicalConnection.open(key.endpoint(), settings, key.apiKey(), counters, transport, deadline);
        } catch (ResourceException | RuntimeException | Error e) {
            opened(key, opening, null);
            opening.completeExceptionally(e);
            throw e;
        }
        opened(key, opening, opened);
        opening.complete(opened);
        return opened;
    }

    /** Ends an open in progress: the connection, if it opened, becomes one to share; an entry left empty goes. */
    private synchronized void opened(Key key, CompletableFuture<PhysicalConnection> opening, PhysicalConnection opened) {
        Shared s = shared.get(key);
        s.opening.remove(opening);
        if (opened != null) {
            s.open.add(opened);
        } else if (s.open.isEmpty() && s.opening.isEmpty()) {
            shared.remove(key);
        }
    }

    private static PhysicalConnection join(CompletableFuture<PhysicalConnection> opening, Endpoint endpoint,
            long deadline) throws ResourceException {
        long wait = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return opening.get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Each waiter gets an exception of its own (a container may add to it); the message is the opener's.
            throw new ResourceAllocationException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ResourceAllocationException("Qdrant at " + endpoint + ": the shared channel another "
                    + "connection was opening was not ready within " + wait + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAllocationException("Interrupted while waiting for a shared channel to Qdrant at "
                    + endpoint);
        }
    }

    /**
     * Gives back a lease, which {@code listener} hears of no more; the last user of a physical
     * connection closes it (bounded, see {@link PhysicalConnection#close()}).
     */
    public void release(PhysicalConnection physical, PhysicalConnection.BrokenListener listener) {
        physical.removeBrokenListener(listener);
        synchronized (this) {
            if (physical.removeUser() > 0) {
                return;
            }
            shared.values().removeIf(s -> s.open.remove(physical) && s.open.isEmpty() && s.opening.isEmpty());
        }
        physical.close();
    }
}
