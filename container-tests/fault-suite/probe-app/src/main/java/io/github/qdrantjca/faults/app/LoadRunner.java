package io.github.qdrantjca.faults.app;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Owns the one load run of the application. Worker threads come from the server's
 * {@link ManagedThreadFactory}, so they carry the application's context; they are stopped when a
 * new run starts and when the application is undeployed.
 */
@ApplicationScoped
public class LoadRunner {

    static final long STOP_WAIT_MILLIS = 5000;

    @Resource
    ManagedThreadFactory threads;

    private LoadRun current;

    /** Stops any run, then starts {@code workers} workers searching {@code collection} through {@code pool}. */
    public synchronized Map<String, Object> start(String pool, String collection, int dimension, int workers,
            long pauseMillis) {
        stopCurrent();
        current = new LoadRun(Pools.named(pool), collection, dimension, workers, pauseMillis, threads);
        current.start();
        return current.report();
    }

    /** Marks Qdrant's return in the current run. */
    public synchronized Map<String, Object> mark() {
        LoadRun run = required();
        run.mark();
        return run.report();
    }

    /** The current run's figures. */
    public synchronized Map<String, Object> report() {
        return required().report();
    }

    /** Stops the current run; its final figures with the number of workers that did not stop. */
    public synchronized Map<String, Object> stop() {
        LoadRun run = required();
        int stuck = run.stop(STOP_WAIT_MILLIS);
        Map<String, Object> report = run.report();
        report.put("stuckWorkers", stuck);
        current = null;
        return report;
    }

    @PreDestroy
    synchronized void stopCurrent() {
        if (current != null) {
            current.stop(STOP_WAIT_MILLIS);
            current = null;
        }
    }

    private LoadRun required() {
        if (current == null) {
            throw new IllegalStateException("no load is running");
        }
        return current;
    }
}
