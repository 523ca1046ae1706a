package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One handle the test keeps open across requests while other connections of its pool wait idle:
 * {@link #hold} takes it, {@link #callAndClose} uses it once and closes it; or {@link #startCall}
 * starts one call with a deadline of its own and {@link #outcome} tells when and how it ended, then
 * closes the handle. A handle still held is closed when the application is undeployed.
 */
@ApplicationScoped
public class HeldConnection {

    private QdrantConnection held;
    private Future<HealthCheckReply> call;
    private long callStartNanos;
    private volatile long callEndNanos;

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

    /** Starts one health call through the held handle with a deadline of {@code deadlineMillis}; returns at once. */
    public synchronized Map<String, Object> startCall(long deadlineMillis) {
        if (held == null) {
            throw new IllegalStateException("no handle is held: call probe/hold first");
        }
        if (call != null) {
            throw new IllegalStateException("a call on the held handle is already running");
        }
        callEndNanos = 0;
        callStartNanos = System.nanoTime();
        var pending = held.client().healthCheckAsync(Duration.ofMillis(deadlineMillis));
        pending.addListener(() -> callEndNanos = System.nanoTime(), Runnable::run);
        call = pending;
        return Map.of("started", true, "deadlineMillis", deadlineMillis);
    }

    /**
     * The call {@link #startCall} started: {@code done} false while it runs; once it ended, whether it
     * worked, its status and error and {@code millis} from its start to its end, and the handle is closed.
     */
    public synchronized Map<String, Object> outcome() {
        if (call == null) {
            throw new IllegalStateException("no call was started on the held handle: call probe/held/start first");
        }
        long end = callEndNanos;
        if (end == 0) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("done", false);
            r.put("runningMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - callStartNanos));
            return r;
        }
        Future<HealthCheckReply> ended = call;
        Map<String, Object> r = new LinkedHashMap<>(Calls.timed(() -> ended.get().getVersion()));
        r.put("done", true);
        r.put("millis", TimeUnit.NANOSECONDS.toMillis(end - callStartNanos));
        release();
        return r;
    }

    @PreDestroy
    synchronized void release() {
        call = null;
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
