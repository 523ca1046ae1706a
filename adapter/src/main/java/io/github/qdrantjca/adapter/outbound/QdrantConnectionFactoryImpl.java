package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The factory applications get from JNDI: every connection comes from the container's pool. */
public class QdrantConnectionFactoryImpl implements QdrantConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final QdrantManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    /** Called by {@link QdrantManagedConnectionFactory#createConnectionFactory}. */
    public QdrantConnectionFactoryImpl(QdrantManagedConnectionFactory managedFactory,
            ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public QdrantConnection getConnection() throws ResourceException {
        return allocate(QdrantConnectionRequestInfo.DEFAULT);
    }

    @Override
    public QdrantConnection getConnection(QdrantConnectionSpec spec) throws ResourceException {
        return allocate(QdrantConnectionRequestInfo.of(spec));
    }

    private QdrantConnection allocate(QdrantConnectionRequestInfo info) throws ResourceException {
        // The handle is what QdrantManagedConnection.getConnection gave the container.
        return (QdrantConnection) connectionManager.allocateConnection(managedFactory, info);
    }

    @Override
    public QdrantAdapterStatistics statistics() {
        return managedFactory.statistics();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "QdrantConnectionFactoryImpl[" + managedFactory + "]";
    }
}
