package io.github.qdrantjca.it.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import jakarta.ejb.Stateless;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A badly written EJB: borrows a handle, uses it, and never closes it. */
@Stateless
public class LeakingBean {

    /** Keeps leaked handles reachable, so that only the container can release them (not the GC). */
    static final List<QdrantConnection> LEAKED = new CopyOnWriteArrayList<>();

    /** Qdrant's version, read through a handle of the pool at {@code jndiName} that is then left open. */
    public String leak(String jndiName) throws Exception {
        QdrantConnection handle = Factories.named(jndiName).getConnection();
        LEAKED.add(handle);
        return handle.client().healthCheckAsync(Duration.ofSeconds(5)).get().getVersion();
    }
}
