package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for use outside a container: every handle gets its own physical
 * connection, destroyed when the handle is closed or the connection breaks. No pooling.
 */
final class UnpooledConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        // Only QdrantManagedConnectionFactory creates this manager: its connections are ours.
        QdrantManagedConnection mc = (QdrantManagedConnection) factory.createManagedConnection(null, info);
        try {
            mc.addConnectionEventListener(new DestroyOnRelease(mc));
            return mc.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            mc.destroy();
            throw e;
        }
    }

    private record DestroyOnRelease(QdrantManagedConnection mc) implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            mc.destroy();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            mc.destroy();
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {}

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {}

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {}
    }
}
