package io.github.qdrantjca.adapter.spi;

import io.grpc.Channel;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled physical connection to Qdrant (one gRPC channel), the handles currently given out on
 * it, and the listeners the container registered. Lifecycle: open, possibly broken (a call showed
 * the connection is gone, the container was told), destroyed (channel shut down, for good).
 */
public final class QdrantManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(QdrantManagedConnection.class.getName());

    private final QdrantManagedConnectionFactory factory;
    private final QdrantAdapterConfig config;
    private final QdrantConnectionRequestInfo requestInfo;
    private final PhysicalConnection physical;
    private final AdapterCounters counters;
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final AtomicBoolean broken = new AtomicBoolean();
    private final PhysicalConnection.BrokenListener brokenListener;
    // Both are iterated without copying: the set is concurrent (release() may remove while cleanup() walks it),
    // the list is copy-on-write (each loop walks a snapshot, so a listener may deregister while it is told).
    private final Set<HandleState> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile PrintWriter logWriter;

    QdrantManagedConnection(QdrantManagedConnectionFactory factory, QdrantAdapterConfig config,
            QdrantConnectionRequestInfo requestInfo, PhysicalConnection physical, AdapterCounters counters) {
        this.factory = factory;
        this.config = config;
        this.requestInfo = requestInfo;
        this.physical = physical;
        this.counters = counters;
        this.brokenListener = new PhysicalConnection.BrokenListener() {
            @Override
            public boolean markBroken() {
                return !destroyed.get() && broken.compareAndSet(false, true);
            }

            @Override
            public void reportBroken(Status status) {
                connectionBroken(status);
            }
        };
        if (!physical.addBrokenListener(brokenListener)) {
            broken.set(true); // a shared connection that broke before this one was on it: never handed out
        }
    }

    // ---- ManagedConnection ------------------------------------------------------------------

    /** A new handle on this connection. */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkUsable();
        QdrantConnectionRequestInfo requested = QdrantConnectionRequestInfo.from(info);
        if (!requested.equals(requestInfo)) {
            // No re-authentication: a connection opened with one key never serves a request with another.
            throw new jakarta.resource.spi.SecurityException("This Qdrant connection was opened with other credentials ("
                    + requestInfo + ") than requested (" + requested + "). Pools that serve several API keys "
                    + "must match connections (Payara: match-connections=true)");
        }
        HandleState state = new HandleState(this, config.connectionTracing());
        handles.add(state);
        counters.handlesOpen.incrementAndGet();
        return new QdrantConnectionHandle(state, config, config.connectionTracing() ? factory.leakCleaner() : null);
    }

    /** Invalidates every handle still open: the container takes the connection back. */
    @Override
    public void cleanup() {
        for (HandleState state : handles) {
            if (release(state, "released by the container")) {
                state.warnLeak("the container released it while it was still open");
            }
        }
    }

    /**
     * Gives the physical connection back: the channel is shut down, bounded in time, unless other
     * managed connections share it (then calls still in flight from this one's handles run to their
     * deadline). Idempotent.
     */
    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        for (HandleState state : handles) {
            release(state, "its connection was destroyed");
        }
        physical.removeBrokenListener(brokenListener);
        factory.release(this, physical);
    }

    /** Moves {@code connection} (a handle obtained from any connection of this pool) onto this one. */
    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkUsable();
        if (!(connection instanceof QdrantConnectionHandle handle)) {
            throw new ResourceException("Not a Qdrant connection handle: "
                    + (connection == null ? "null" : connection.getClass().getName()));
        }
        HandleState state = handle.state();
        if (state.isClosed()) {
            throw new jakarta.resource.spi.IllegalStateException("Cannot associate a closed Qdrant connection handle");
        }
        QdrantManagedConnection previous = state.owner();
        if (previous == this) {
            return;
        }
        previous.handles.remove(state);
        handles.add(state);
        state.associate(this);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** Always fails: Qdrant has no transactions. */
    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Qdrant has no transactions: the adapter supports NoTransaction only");
    }

    /** Always fails: Qdrant has no transactions. */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Qdrant has no transactions: the adapter supports NoTransaction only");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkNotDestroyed();
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

    // ---- for the adapter ---------------------------------------------------------------------

    /** The channel a handle's calls go to. */
    Channel callChannel() {
        return physical.callChannel();
    }

    /** The physical connection this one is on (shared with others when {@code sharedChannels > 0}). */
    PhysicalConnection physical() {
        return physical;
    }

    String authority() {
        return physical.endpoint().toString();
    }

    String serverVersion() {
        return physical.serverVersion();
    }

    QdrantConnectionRequestInfo requestInfo() {
        return requestInfo;
    }

    QdrantManagedConnectionFactory factory() {
        return factory;
    }

    /** Neither destroyed nor known to be broken: may be handed out again. */
    boolean isUsable() {
        return !destroyed.get() && !broken.get();
    }

    boolean isDestroyed() {
        return destroyed.get();
    }

    int openHandles() {
        return handles.size();
    }

    /** Checks the connection within the validation deadline; completes with a reason when invalid. */
    CompletableFuture<String> validate() {
        if (destroyed.get()) {
            return CompletableFuture.completedFuture("destroyed");
        }
        if (broken.get()) {
            return CompletableFuture.completedFuture("a call reported it broken");
        }
        return physical.validate(config.validationMode(), config.validationTimeout());
    }

    /** Marks the connection as found invalid so it is never matched again. */
    void markInvalid(String reason) {
        if (broken.compareAndSet(false, true)) {
            LOG.log(Level.FINE, "{0} is invalid: {1}", new Object[] {this, reason});
        }
    }

    /** Closes one handle; true for the caller that closed it (and only then). */
    boolean release(HandleState state, String reason) {
        if (!state.close(reason)) {
            return false;
        }
        handles.remove(state);
        counters.handlesOpen.decrementAndGet();
        return true;
    }

    void fireClosed(QdrantConnectionHandle handle) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    /** A call ended with a status that means this connection is gone: tell the container (once). */
    private void connectionBroken(Status status) {
        counters.connectionErrors.incrementAndGet();
        String message = "Qdrant connection to " + authority() + " is broken (" + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription()) + ")";
        LOG.log(Level.WARNING, message + "; reporting it to the container");
        ResourceException cause = new ResourceException(message, status.asException());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener listener : listeners) {
            try {
                listener.connectionErrorOccurred(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Connection event listener failed on " + message, e);
            }
        }
    }

    private void checkNotDestroyed() throws ResourceException {
        if (destroyed.get()) {
            throw new jakarta.resource.spi.IllegalStateException("Qdrant managed connection to " + authority()
                    + " was destroyed");
        }
    }

    private void checkUsable() throws ResourceException {
        checkNotDestroyed();
        if (broken.get()) {
            throw new jakarta.resource.spi.IllegalStateException("Qdrant managed connection to " + authority()
                    + " is broken and awaits destruction");
        }
    }

    @Override
    public String toString() {
        return "QdrantManagedConnection[" + authority() + (destroyed.get() ? ", destroyed" : broken.get() ? ", broken" : "")
                + ", handles=" + handles.size() + "]";
    }
}
