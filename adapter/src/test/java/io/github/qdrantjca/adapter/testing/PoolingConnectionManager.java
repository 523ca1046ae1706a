package io.github.qdrantjca.adapter.testing;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection manager that pools the way an application server does, for tests and benchmarks:
 * at most {@code maxSize} managed connections (idle plus in use); a borrower waits up to
 * {@code waitTimeout} for one; idle connections are reused through
 * {@code matchManagedConnections}; {@code CONNECTION_CLOSED} returns a connection to the pool after
 * {@code cleanup()}; {@code CONNECTION_ERROR_OCCURRED} destroys it; optionally each borrowed idle
 * connection is validated with {@code getInvalidConnections} first.
 *
 * <pre>{@code
 * QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
 * mcf.setHost(host); mcf.setPort(port);
 * try (PoolingConnectionManager pool = new PoolingConnectionManager(8, Duration.ofSeconds(5), true)) {
 *     QdrantConnectionFactory factory = (QdrantConnectionFactory) mcf.createConnectionFactory(pool);
 *     try (QdrantConnection c = factory.getConnection()) { ... }
 * }
 * }</pre>
 */
public final class PoolingConnectionManager implements ConnectionManager, ConnectionEventListener, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final int maxSize;
    private final Duration waitTimeout;
    private final boolean validateOnBorrow;

    private final Object lock = new Object();
    private final Deque<ManagedConnection> idle = new ArrayDeque<>();
    private final Set<ManagedConnection> inUse = new HashSet<>();
    private int total;
    private int maxTotal;
    private boolean closed;

    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();
    private final AtomicInteger closedEvents = new AtomicInteger();
    private final AtomicInteger errorEvents = new AtomicInteger();
    private final AtomicInteger validationsFailed = new AtomicInteger();

    /**
     * @param maxSize the most managed connections that exist at once
     * @param waitTimeout how long a borrower waits for a free slot
     * @param validateOnBorrow whether an idle connection is validated before it is handed out
     */
    public PoolingConnectionManager(int maxSize, Duration waitTimeout, boolean validateOnBorrow) {
        this.maxSize = maxSize;
        this.waitTimeout = waitTimeout;
        this.validateOnBorrow = validateOnBorrow;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
            throws ResourceException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        while (true) {
            ManagedConnection reused = null;
            ManagedConnection evicted = null;
            synchronized (lock) {
                while (true) {
                    if (closed) {
                        throw new ResourceAllocationException("pool closed");
                    }
                    if (!idle.isEmpty()) {
                        reused = mcf.matchManagedConnections(new HashSet<>(idle), null, info);
                        if (reused != null) {
                            idle.remove(reused);
                            inUse.add(reused);
                            break;
                        }
                    }
                    if (total < maxSize) {
                        total++;
                        maxTotal = Math.max(maxTotal, total);
                        break;
                    }
                    if (!idle.isEmpty()) {
                        // Full of connections nobody can use for this request: make room.
                        evicted = idle.pollLast();
                        total--;
                        break;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new ResourceAllocationException("No Qdrant connection free within "
                                + waitTimeout.toMillis() + " ms (pool max " + maxSize + ")");
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ResourceAllocationException("interrupted while waiting for a Qdrant connection");
                    }
                }
            }
            if (evicted != null) {
                destroy(evicted);
                continue;
            }
            if (reused != null) {
                if (validateOnBorrow && !((ValidatingManagedConnectionFactory) mcf)
                        .getInvalidConnections(new HashSet<>(Set.of(reused))).isEmpty()) {
                    validationsFailed.incrementAndGet();
                    discard(reused);
                    continue;
                }
                return handleOn(reused, info);
            }
            ManagedConnection fresh;
            try {
                fresh = mcf.createManagedConnection(null, info);
            } catch (ResourceException | RuntimeException e) {
                synchronized (lock) {
                    total--;
                    lock.notifyAll();
                }
                throw e;
            }
            created.incrementAndGet();
            fresh.addConnectionEventListener(this);
            synchronized (lock) {
                inUse.add(fresh);
            }
            return handleOn(fresh, info);
        }
    }

    private Object handleOn(ManagedConnection mc, ConnectionRequestInfo info) throws ResourceException {
        try {
            return mc.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            discard(mc);
            throw e;
        }
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        closedEvents.incrementAndGet();
        ManagedConnection mc = (ManagedConnection) event.getSource();
        try {
            mc.cleanup();
        } catch (ResourceException e) {
            discard(mc);
            return;
        }
        synchronized (lock) {
            if (inUse.remove(mc)) {
                if (closed) {
                    total--;
                } else {
                    idle.addFirst(mc);
                }
                lock.notifyAll();
            } else {
                return;
            }
        }
        if (closed) {
            destroy(mc);
        }
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        errorEvents.incrementAndGet();
        discard((ManagedConnection) event.getSource());
    }

    /** Takes {@code mc} out of the pool, if it is still there, and destroys it. */
    private void discard(ManagedConnection mc) {
        boolean ours;
        synchronized (lock) {
            ours = inUse.remove(mc) | idle.remove(mc);
            if (ours) {
                total--;
                lock.notifyAll();
            }
        }
        if (ours) {
            destroy(mc);
        }
    }

    private void destroy(ManagedConnection mc) {
        try {
            mc.destroy();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        } finally {
            destroyed.incrementAndGet();
        }
    }

    /** Validates every idle connection (as a container's background validation does); destroys the invalid. */
    @SuppressWarnings("unchecked")
    public int validateIdle(ValidatingManagedConnectionFactory mcf) throws ResourceException {
        Set<ManagedConnection> snapshot;
        synchronized (lock) {
            snapshot = new HashSet<>(idle);
        }
        Set<ManagedConnection> invalid = mcf.getInvalidConnections(snapshot);
        for (ManagedConnection mc : invalid) {
            validationsFailed.incrementAndGet();
            discard(mc);
        }
        return invalid.size();
    }

    /** Managed connections that exist now (idle, in use, or being created). */
    public int size() {
        synchronized (lock) {
            return total;
        }
    }

    public int idleCount() {
        synchronized (lock) {
            return idle.size();
        }
    }

    public int inUseCount() {
        synchronized (lock) {
            return inUse.size();
        }
    }

    /** The most managed connections that ever existed at once. */
    public int maxSizeReached() {
        synchronized (lock) {
            return maxTotal;
        }
    }

    public int created() {
        return created.get();
    }

    public int destroyed() {
        return destroyed.get();
    }

    public int closedEvents() {
        return closedEvents.get();
    }

    public int errorEvents() {
        return errorEvents.get();
    }

    public int validationsFailed() {
        return validationsFailed.get();
    }

    /** Destroys every idle connection, and each in-use one when it comes back. */
    @Override
    public void close() {
        List<ManagedConnection> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(idle);
            all.addAll(inUse);
            idle.clear();
            inUse.clear();
            total = 0;
            lock.notifyAll();
        }
        for (ManagedConnection mc : all) {
            destroy(mc);
        }
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {}

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {}

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {}
}
