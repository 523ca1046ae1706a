package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * One steady load: {@code workers} threads, each looping borrow + search + close through one
 * factory until stopped, with a short pause between iterations. Counts calls and failures (and of
 * those, the borrows that failed), keeps
 * the slowest borrow and the slowest call, the distinct errors, and for a moment {@link #mark()}ed
 * by the test (Qdrant's return) the time to the first success, to every worker succeeding and to
 * {@value #HEALED_SUCCESSES} successes (of calls started after the mark).
 */
final class LoadRun {

    private static final int MAX_DISTINCT_ERRORS = 12;
    /** Successes after the mark that count as a healed pool. */
    static final int HEALED_SUCCESSES = 20;

    private final QdrantConnectionFactory factory;
    private final String collection;
    private final int dimension;
    private final long pauseMillis;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile long markNanos;

    // Calls are counted as successes + failures, so that a report never shows a call that is neither.
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder failuresAfterAllOk = new LongAdder();
    private final LongAdder borrowFailures = new LongAdder();
    private final LongAccumulator maxBorrowNanos = new LongAccumulator(Math::max, 0);
    private final LongAccumulator maxCallNanos = new LongAccumulator(Math::max, 0);
    private final LongAccumulator maxFailedIterationNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong allOkNanos = new AtomicLong();
    private final AtomicLong successesAfterMark = new AtomicLong();
    private final AtomicLong healedNanos = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    LoadRun(QdrantConnectionFactory factory, String collection, int dimension, int workerCount, long pauseMillis,
            ThreadFactory threadFactory) {
        this.factory = factory;
        this.collection = collection;
        this.dimension = dimension;
        this.pauseMillis = pauseMillis;
        for (int i = 0; i < workerCount; i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            Thread thread = threadFactory.newThread(worker);
            thread.setName("qdrant-fault-load-" + i);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** From now on, measure the time to the first success and to every worker succeeding. */
    void mark() {
        allOkNanos.set(0);
        successesAfterMark.set(0);
        healedNanos.set(0);
        workers.forEach(w -> w.firstSuccessAfterMark = 0);
        markNanos = System.nanoTime();
    }

    /** Stops the workers and waits (bounded) for them; the number of workers still running. */
    int stop(long waitMillis) {
        running = false;
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        int stuck = 0;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                stuck++;
            }
        }
        return stuck;
    }

    /** The figures so far. */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workers", workers.size());
        r.put("running", running);
        r.put("seconds", millisSince(startNanos) / 1000.0);
        long failed = failures.sum();
        r.put("calls", successes.sum() + failed);
        r.put("failures", failed);
        r.put("borrowFailures", borrowFailures.sum());
        r.put("maxBorrowMillis", TimeUnit.NANOSECONDS.toMillis(maxBorrowNanos.get()));
        r.put("maxCallMillis", TimeUnit.NANOSECONDS.toMillis(maxCallNanos.get()));
        r.put("maxFailedIterationMillis", TimeUnit.NANOSECONDS.toMillis(maxFailedIterationNanos.get()));
        long mark = markNanos;
        long first = 0;
        for (Worker w : workers) {
            long s = w.firstSuccessAfterMark;
            if (s != 0 && (first == 0 || s < first)) {
                first = s;
            }
        }
        r.put("marked", mark != 0);
        r.put("firstSuccessAfterMarkMillis", mark == 0 || first == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(first - mark));
        long allOk = allOkNanos.get();
        r.put("allWorkersOkAfterMarkMillis", mark == 0 || allOk == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(allOk - mark));
        long healed = healedNanos.get();
        r.put("successesAfterMark", successesAfterMark.get());
        r.put("healedSuccesses", HEALED_SUCCESSES);
        r.put("healedAfterMarkMillis", mark == 0 || healed == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(healed - mark));
        r.put("failuresAfterAllOk", failuresAfterAllOk.sum());
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        r.put("errors", errorCounts);
        return r;
    }

    private void succeeded(Worker worker, long endNanos) {
        long mark = markNanos;
        if (mark != 0 && worker.lastStartNanos >= mark && successesAfterMark.incrementAndGet() == HEALED_SUCCESSES) {
            healedNanos.compareAndSet(0, endNanos);
        }
        if (mark != 0 && worker.firstSuccessAfterMark == 0 && worker.lastStartNanos >= mark) {
            worker.firstSuccessAfterMark = endNanos;
            if (workers.stream().allMatch(w -> w.firstSuccessAfterMark != 0)) {
                allOkNanos.compareAndSet(0, endNanos);
            }
        }
    }

    private void failed(Throwable t, long iterationNanos) {
        failures.increment();
        maxFailedIterationNanos.accumulate(iterationNanos);
        if (allOkNanos.get() != 0) {
            failuresAfterAllOk.increment();
        }
        String key = Errors.describe(t);
        if (key.length() > 300) {
            key = key.substring(0, 300) + "...";
        }
        LongAdder count = errors.get(key);
        if (count == null && errors.size() < MAX_DISTINCT_ERRORS) {
            count = errors.computeIfAbsent(key, k -> new LongAdder());
        }
        if (count != null) {
            count.increment();
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One worker's loop. */
    private final class Worker implements Runnable {

        private final int index;
        private volatile long firstSuccessAfterMark;
        private volatile long lastStartNanos;

        Worker(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            int seed = index * 1000;
            while (running) {
                long start = System.nanoTime();
                lastStartNanos = start;
                boolean gotHandle = false;
                try (QdrantConnection handle = factory.getConnection()) {
                    gotHandle = true;
                    long borrowed = System.nanoTime();
                    maxBorrowNanos.accumulate(borrowed - start);
                    try {
                        handle.client().searchAsync(Calls.search(collection, dimension, seed++)).get();
                    } finally {
                        maxCallNanos.accumulate(System.nanoTime() - borrowed);
                    }
                    successes.increment();
                    succeeded(this, System.nanoTime());
                } catch (InterruptedException e) {
                    if (running) {
                        failed(e, System.nanoTime() - start);
                    }
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception | Error e) {
                    if (!running) {
                        return;
                    }
                    if (!gotHandle) {
                        borrowFailures.increment();
                    }
                    failed(e, System.nanoTime() - start);
                }
                if (!pause()) {
                    return;
                }
            }
        }

        private boolean pause() {
            try {
                // pacing of the load (not a wait for a condition): a steady rate per worker
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
