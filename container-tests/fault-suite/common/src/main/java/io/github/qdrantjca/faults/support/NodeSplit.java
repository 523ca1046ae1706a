package io.github.qdrantjca.faults.support;

import io.github.qdrantjca.emulator.QdrantEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The split of a pool's connections over two Qdrants over time: once a second, the connections
 * each emulator counts open (its own count, not the pool's), with the moments the scenario
 * {@link #mark}s. Sampling starts when created and ends when closed.
 */
final class NodeSplit implements AutoCloseable {

    private final QdrantEmulator a;
    private final QdrantEmulator b;
    private final long startNanos = System.nanoTime();
    private final List<String> samples = new ArrayList<>();
    private final List<String> marks = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fault-suite-node-split");
        thread.setDaemon(true);
        return thread;
    });

    NodeSplit(QdrantEmulator a, QdrantEmulator b) {
        this.a = a;
        this.b = b;
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        samples.add(secondsNow() + "s " + a.openConnections() + "/" + b.openConnections());
    }

    /** Notes that {@code what} happens now. */
    synchronized void mark(String what) {
        marks.add(what + " at " + String.format(java.util.Locale.ROOT, "%.1f", seconds(System.nanoTime())) + " s");
    }

    /** The marks, in order. */
    synchronized String marks() {
        return String.join(", ", marks);
    }

    /** The samples so far: {@code Ns A/B}, comma-separated. */
    synchronized String seconds() {
        return String.join(", ", samples);
    }

    private long secondsNow() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
