package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One handle the test keeps open across requests while other connections of its pool wait idle:
 * {@link #hold} takes it, {@link #callAndClose} uses it once and closes it. A handle still held is
 * closed when the application is undeployed.
 */
@ApplicationScoped
public class HeldConnection {

    private QdrantConnection held;

    /**
     * Borrows {@code idle + 1} handles of {@code factory}, all open at once (so the pool has that
     * many managed connections), each checked with a call; closes {@code idle} of them, which go
     * back to the pool idle, and keeps the last one.
     */
    public synchronized Map<String, Object> hold(QdrantConnectionFactory factory, int idle) throws Exception {
        release();
        List<QdrantConnection> handles = new ArrayList<>();
        try {
            for (int i = 0; i <= idle; i++) {
                QdrantConnection handle = factory.getConnection();
                handles.add(handle);
                handle.client().healthCheckAsync().get();
            }
        } catch (Exception e) {
            handles.forEach(QdrantConnection::close);
            throw e;
        }
        held = handles.remove(handles.size() - 1);
        handles.forEach(QdrantConnection::close);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("idle", handles.size());
        r.put("held", 1);
        r.put("statistics", ProbeResource.statistics(factory));
        return r;
    }

    /** One health call through the held handle, then closes it: whether the call worked, its error and status. */
    public synchronized Map<String, Object> callAndClose() {
        if (held == null) {
            throw new IllegalStateException("no handle is held: call probe/hold first");
        }
        QdrantConnection handle = held;
        try {
            return Calls.timed(() -> handle.client().healthCheckAsync().get().getVersion());
        } finally {
            release();
        }
    }

    @PreDestroy
    synchronized void release() {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
