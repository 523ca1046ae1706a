package io.github.qdrantjca.sample.qdrant;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.resource.ResourceException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Lends one pooled Qdrant handle per request to beans that inject {@code @ManagedHandle
 * QdrantConnection}: the handle is borrowed lazily on first use and returned to the pool by the
 * disposer when the request scope ends, whatever the bean did.
 */
@ApplicationScoped
public class QdrantHandleProducer {

    private static final Logger LOG = Logger.getLogger(QdrantHandleProducer.class.getName());

    @Resource(lookup = QdrantNames.FACTORY)
    QdrantConnectionFactory factory;

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();

    /** Borrows the request's handle. */
    @Produces
    @RequestScoped
    @ManagedHandle
    QdrantConnection open() {
        try {
            QdrantConnection handle = factory.getConnection();
            opened.incrementAndGet();
            return handle;
        } catch (ResourceException e) {
            throw new QdrantCallException("no Qdrant connection available from " + QdrantNames.FACTORY
                    + ": " + e.getMessage(), e, true);
        }
    }

    /** Returns the request's handle to the pool at the end of the request. */
    void close(@Disposes @ManagedHandle QdrantConnection handle) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.warning("closing the request's Qdrant handle failed: " + e);
        } finally {
            closed.incrementAndGet();
        }
    }

    /** Handles this producer has borrowed since start. */
    public long handlesOpened() {
        return opened.get();
    }

    /** Handles this producer has returned since start. */
    public long handlesClosed() {
        return closed.get();
    }
}
