package io.github.qdrantjca.emulator.internal;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * The brute-force scan behind every vector search: the candidate slots of one vector space (those holding a vector,
 * minus excluded ones, within the allowed ones, matching the filter) scored in blocks, the best kept in a
 * {@link TopK}. A large space is cut into contiguous parts scanned side by side on the machine's cores (the calling
 * thread takes parts too, so a busy pool only costs parallelism); the parts' heaps are merged under the same total
 * order, so the answer is the one a single pass gives. The caller holds the collection's read lock throughout.
 */
final class Scan {

    /** Slots per part below which a scan stays on the calling thread. */
    static final int MIN_PART = 16_384;
    private static final int BLOCK = 64;
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ThreadPoolExecutor HELPERS = helpers();

    final VectorSpace space;
    /** A preprocessed dense query, or null when {@link #scorer} scores. */
    float[] query;
    SearchSpec.Scorer scorer;
    /** Slots left out (ids referenced by the query), or null. */
    BitSet excluded;
    /** The only slots considered (a re-scoring of prefetched points), or null for all. */
    BitSet allowed;
    /** The filter on the point of a slot, or null. */
    IntPredicate filter;
    float threshold = Float.NEGATIVE_INFINITY;

    Scan(VectorSpace space) {
        this.space = space;
    }

    /** The best {@code k} candidates among slots {@code [0, slotCount)} under {@code order}. */
    TopK run(int slotCount, long k, TopK.Order order) {
        int parts = CORES < 2 ? 1 : Math.min(CORES, slotCount / MIN_PART);
        if (parts <= 1) {
            TopK top = new TopK(k, order);
            range(0, slotCount, top);
            return top;
        }
        TopK[] results = new TopK[parts];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(parts);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    TopK top = new TopK(k, order);
                    range((int) ((long) slotCount * p / parts), (int) ((long) slotCount * (p + 1) / parts), top);
                    results[p] = top;
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int i = 1; i < parts; i++) {
            HELPERS.execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw io.grpc.Status.CANCELLED.withDescription("search interrupted").asRuntimeException();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        TopK merged = new TopK(k, order);
        for (TopK top : results) {
            merged.offerAll(top);
        }
        return merged;
    }

    private void range(int from, int to, TopK top) {
        int[] block = new int[BLOCK];
        float[] scores = new float[BLOCK];
        int n = 0;
        for (int slot = from; slot < to; slot++) {
            if (!space.has(slot) || (excluded != null && excluded.get(slot))
                    || (allowed != null && !allowed.get(slot)) || (filter != null && !filter.test(slot))) {
                continue;
            }
            block[n++] = slot;
            if (n == BLOCK) {
                score(block, n, scores, top);
                n = 0;
            }
        }
        score(block, n, scores, top);
    }

    private void score(int[] block, int n, float[] scores, TopK top) {
        if (scorer == null) {
            space.scoreBlock(query, block, n, scores);
        } else {
            for (int i = 0; i < n; i++) {
                scores[i] = scorer.score(space, block[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (scores[i] > threshold) {
                top.offer(block[i], scores[i]);
            }
        }
    }

    /** Daemon threads that help large scans; none are kept while no search runs. */
    private static ThreadPoolExecutor helpers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.max(1, CORES - 1), Math.max(1, CORES - 1), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "qdrant-emulator-search-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
