package io.github.qdrantjca.adapter.outbound;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The part of a handle the managed connection keeps: whether it is open, which managed connection
 * it is associated with, and (with connection tracing) where it was obtained. It holds no reference
 * to the handle object itself, so an unclosed handle the application dropped can be collected and
 * reported.
 */
final class HandleState {

    private static final Logger LOG = Logger.getLogger(HandleState.class.getName());

    private final AtomicReference<String> closedReason = new AtomicReference<>();
    private final Throwable allocation;
    private volatile QdrantManagedConnection owner;

    HandleState(QdrantManagedConnection owner, boolean tracing) {
        this.owner = owner;
        this.allocation = tracing
                ? new Throwable("Qdrant connection handle obtained here (thread " + Thread.currentThread().getName() + ")")
                : null;
    }

    /**
     * The managed connection to send calls to.
     *
     * @throws IllegalStateException when the handle is closed
     */
    QdrantManagedConnection checkOpen() {
        String reason = closedReason.get();
        if (reason != null) {
            throw new IllegalStateException("Qdrant connection handle is closed (" + reason
                    + "); obtain a new one from the QdrantConnectionFactory");
        }
        return owner;
    }

    QdrantManagedConnection owner() {
        return owner;
    }

    void associate(QdrantManagedConnection newOwner) {
        this.owner = newOwner;
    }

    boolean isClosed() {
        return closedReason.get() != null;
    }

    /**
     * Closes this handle for {@code reason}; returns the managed connection it was associated with
     * at that moment, or {@code null} when it was closed already. The race with
     * {@code associateConnection}, which moves an open handle under the same lock, is decided here.
     * Invariant: an open handle is in exactly one managed connection's set, and its close is
     * reported once, by that connection (never by one it left, never by one it joins after closing).
     */
    synchronized QdrantManagedConnection close(String reason) {
        return closedReason.compareAndSet(null, reason) ? owner : null;
    }

    /** Logs where the handle was obtained, when tracing is on. */
    void warnLeak(String what) {
        if (allocation != null) {
            LOG.log(Level.WARNING, "QDRANT-014 Qdrant connection handle leaked: " + what
                    + ". The application must close every QdrantConnection (try-with-resources).", allocation);
        }
    }

    /** The cleaner that reports handles collected unclosed; its daemon thread ends when the cleaner is collected. */
    static Cleaner newLeakCleaner() {
        return Cleaner.create(task -> {
            Thread thread = new Thread(task, "qdrant-jca-leak-tracing");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
    }

    /**
     * The cleaner's action for the handle (registered so that it holds this state, never the
     * handle): runs when the handle was collected or closed, whichever comes first, and reports a
     * handle that was still open.
     */
    void collectedUnclosed() {
        if (QdrantManagedConnection.release(this, "collected without being closed") != null) {
            warnLeak("it was garbage-collected without being closed");
        }
    }
}
