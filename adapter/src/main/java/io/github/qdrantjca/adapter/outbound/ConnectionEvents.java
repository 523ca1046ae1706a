package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners the container registered on one managed connection, and the one place events are
 * sent to them: a listener that throws is logged and the others are still told. Copy-on-write: each
 * event walks a snapshot, so a listener may deregister while it is told.
 */
final class ConnectionEvents {

    private static final Logger LOG = Logger.getLogger(ConnectionEvents.class.getName());

    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();

    void add(ConnectionEventListener listener) {
        if (listener != null) {
            listeners.add(listener);
        }
    }

    void remove(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** {@code CONNECTION_CLOSED} (with the handle) or {@code CONNECTION_ERROR_OCCURRED} (with the cause). */
    void fire(ManagedConnection source, int type, Object handle, ResourceException cause) {
        ConnectionEvent event = cause == null ? new ConnectionEvent(source, type) : new ConnectionEvent(source, type, cause);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            try {
                if (type == ConnectionEvent.CONNECTION_CLOSED) {
                    listener.connectionClosed(event);
                } else {
                    listener.connectionErrorOccurred(event);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "QDRANT-011 A connection event listener failed on " + source, e);
            }
        }
    }
}
