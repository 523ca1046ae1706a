package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.transport.AdapterCounters;
import io.github.qdrantjca.adapter.transport.PhysicalConnection;
import io.grpc.Status;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled connection to Qdrant: its physical connection (a gRPC channel, its own or shared), the
 * handles given out on it, and the listeners the container registered. Its life is one {@link State}.
 * It is its physical connection's {@link PhysicalConnection.BrokenListener}: a break of the channel
 * marks it BROKEN ({@link #markBroken()}) and has it report to the container ({@link #reportBroken}).
 */
public final class QdrantManagedConnection implements ManagedConnection, PhysicalConnection.BrokenListener {

    /**
     * OPENING (the transport is connecting; a break now leaves it BROKEN, and it is never handed
     * out) → OPEN → BROKEN (a fatal call outcome or a lost connection; the container is told by an
     * event) or AGED (past its maximum age plus jitter; the container learns it from validation) →
     * CLOSED (destroyed, once). Only OPEN is matched; OPEN and AGED give out handles.
     */
    enum State { OPENING, OPEN, BROKEN, AGED, CLOSED }

    private static final Logger LOG = Logger.getLogger(QdrantManagedConnection.class.getName());
    private static final String NO_TRANSACTIONS = "Qdrant has no transactions: the adapter supports NoTransaction only";

    private final QdrantManagedConnectionFactory factory;
    private final QdrantAdapterConfig config;
    private final String apiKey;
    private final AdapterCounters counters;
    private final long expiresAt; // System.nanoTime(); meaningless when config.maxConnectionAge() is zero
    private final AtomicReference<State> state = new AtomicReference<>(State.OPENING);
    private volatile PhysicalConnection physical;
    // Concurrent: a close may remove while cleanup() walks it.
    private final Set<HandleState> handles = ConcurrentHashMap.newKeySet();
    private final ConnectionEvents events = new ConnectionEvents();
    private volatile PrintWriter logWriter;

    QdrantManagedConnection(QdrantManagedConnectionFactory factory, QdrantAdapterConfig config, String apiKey,
            AdapterCounters counters) {
        this.factory = factory;
        this.config = config;
        this.apiKey = apiKey;
        this.counters = counters;
        long age = config.maxConnectionAge().toNanos();
        this.expiresAt = System.nanoTime() + age + (long) (age * 0.1 * ThreadLocalRandom.current().nextDouble());
    }

    /** The transport connected: OPENING becomes OPEN, unless the connection broke meanwhile ({@code false}). */
    boolean opened(PhysicalConnection connected) {
        this.physical = connected;
        return state.compareAndSet(State.OPENING, State.OPEN);
    }

    /** A new handle on this connection, for a request with the credentials this connection was opened with. */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        LOG.log(Level.FINER, "getConnection {0}", this);
        checkHandsOut();
        if (!Objects.equals(Credentials.apiKey(factory, subject, info), apiKey)) {
            // No re-authentication: a connection opened with one key never serves a request with another.
            throw new jakarta.resource.spi.SecurityException("This Qdrant connection was opened with other "
                    + "credentials than requested. Pools that serve several API keys must match connections "
                    + "(Payara: match-connections=true)");
        }
        HandleState handle = new HandleState(this, config.connectionTracing());
        handles.add(handle);
        counters.handlesOpen.incrementAndGet();
        return new QdrantConnectionHandle(handle, config, config.connectionTracing() ? factory.leakCleaner() : null);
    }

    /** Invalidates every handle still open: the container takes the connection back. */
    @Override
    public void cleanup() {
        LOG.log(Level.FINER, "cleanup {0}", this);
        for (HandleState handle : handles) {
            if (release(handle, "released by the container") != null) {
                handle.warnLeak("the container released it while it was still open");
            }
        }
    }

    /**
     * Gives the physical connection back: the channel is shut down, bounded in time, unless other
     * managed connections share it. Idempotent.
     */
    @Override
    public void destroy() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        LOG.log(Level.FINER, "destroy {0}", this);
        for (HandleState handle : handles) {
            release(handle, "its connection was destroyed");
        }
        factory.release(this, physical);
    }

    /**
     * Moves {@code connection} (a handle of any connection of this pool) onto this one. Races with
     * the handle's close are decided on the handle's lock (see {@link HandleState#close}).
     */
    @Override
    public void associateConnection(Object connection) throws ResourceException {
        LOG.log(Level.FINER, "associateConnection {0} to {1}", new Object[] {connection, this});
        checkHandsOut();
        if (!(connection instanceof QdrantConnectionHandle handle)) {
            throw new ResourceException("Not a Qdrant connection handle: "
                    + (connection == null ? "null" : connection.getClass().getName()));
        }
        HandleState moving = handle.state();
        synchronized (moving) {
            if (moving.isClosed()) {
                throw new jakarta.resource.spi.IllegalStateException("Cannot associate a closed Qdrant connection handle");
            }
            moving.owner().handles.remove(moving);
            handles.add(moving);
            moving.associate(this);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        events.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        events.remove(listener);
    }

    /** Always fails: Qdrant has no transactions. */
    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException(NO_TRANSACTIONS);
    }

    /** Always fails: Qdrant has no transactions. */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException(NO_TRANSACTIONS);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkHandsOut();
        return new QdrantMetaData(this);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    PhysicalConnection physical() {
        return physical;
    }

    String authority() {
        PhysicalConnection p = physical;
        return p == null ? config.endpoints().toString() : p.endpoint().toString();
    }

    /** The state now: OPEN past its age (plus jitter) becomes AGED here. */
    State state() {
        if (!config.maxConnectionAge().isZero() && System.nanoTime() - expiresAt > 0
                && state.compareAndSet(State.OPEN, State.AGED)) {
            LOG.log(Level.FINE, "QDRANT-013 {0} reached its maximum age; the container will replace it", this);
        }
        return state.get();
    }

    /** Why this connection cannot serve a request with {@code key} to {@code pool}, or {@code null}: the matching rule. */
    String refusal(QdrantManagedConnectionFactory pool, String key) {
        if (!pool.equals(factory)) {
            return "opened by another pool's factory";
        }
        State now = state();
        if (now != State.OPEN) {
            return now.name().toLowerCase(java.util.Locale.ROOT);
        }
        return Objects.equals(key, apiKey) ? null : "opened with other credentials";
    }

    /** Checks the connection within the validation deadline; completes with a reason when invalid. */
    CompletableFuture<String> validate() {
        State now = state();
        if (now != State.OPEN) {
            return CompletableFuture.completedFuture(now == State.AGED ? "reached its maximum age" : now.name());
        }
        return physical.validate(config.validationMode() == QdrantAdapterConfig.ValidationMode.HEALTH,
                config.validationTimeout());
    }

    /** OPENING, OPEN or AGED become BROKEN, never matched again; true for the caller that did it. */
    @Override
    public boolean markBroken() {
        for (State now = state.get(); now != State.BROKEN && now != State.CLOSED; now = state.get()) {
            if (state.compareAndSet(now, State.BROKEN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Closes {@code handle} for {@code reason}; returns the managed connection it was closed on (the
     * one whose set held it at that moment), or {@code null} when it was closed already.
     */
    static QdrantManagedConnection release(HandleState handle, String reason) {
        QdrantManagedConnection owner = handle.close(reason);
        if (owner != null) {
            owner.handles.remove(handle);
            owner.counters.handlesOpen.decrementAndGet();
        }
        return owner;
    }

    int openHandles() {
        return handles.size();
    }

    void fireClosed(QdrantConnectionHandle handle) {
        events.fire(this, ConnectionEvent.CONNECTION_CLOSED, handle, null);
    }

    /** This connection is gone: tell the container, once (called after {@link #markBroken()} returned true). */
    @Override
    public void reportBroken(Status status) {
        counters.connectionErrors.incrementAndGet();
        String message = "Qdrant connection to " + authority() + " is broken (" + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription()) + ")";
        LOG.log(Level.WARNING, "QDRANT-010 {0}; reporting it to the container", message);
        events.fire(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, null, new ResourceException(message, status.asException()));
    }

    /** Only OPEN and AGED connections give out handles; a broken one says so, for a container that borrows it anyway. */
    private void checkHandsOut() throws ResourceException {
        State now = state.get();
        if (now != State.OPEN && now != State.AGED) {
            throw new jakarta.resource.spi.IllegalStateException("Qdrant managed connection to " + authority() + " "
                    + (now == State.CLOSED ? "was destroyed" : "is broken (the container was told by a connection error "
                    + "event) and awaits destruction") + "; it gives out no handle, borrow again");
        }
    }

    @Override
    public String toString() {
        return "QdrantManagedConnection[" + authority() + ", " + state.get() + ", handles=" + handles.size() + "]";
    }
}
