package io.github.qdrantjca.bench.harness;

import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a fixed-time load: {@code concurrency} workers (container-managed threads), each sending
 * search, get and upsert in turn as fast as answers come, first for a warm-up that is not recorded,
 * then for the measured window. A call counts as an error when it throws or its answer is wrong
 * (a search without {@link Workload#TOP} hits, a get without its point, an upsert not completed).
 */
@ApplicationScoped
public class LoadRunner {

    @Resource
    ManagedThreadFactory threads;

    /** Runs the load and returns its figures (calls attempted include the warm-up's); blocks for {@code warmup + measure} (plus the last calls). */
    public LoadResult run(ClientUnderTest client, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L; // every worker is created before the clock starts
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        List<LatencyHistogram> logs = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            LatencyHistogram log = new LatencyHistogram();
            logs.add(log);
            int worker = w;
            workers.add(threads.newThread(() -> {
                try {
                    work(client, worker, start, measureStart, measureEnd, log, errors, attempted, firstError);
                } finally {
                    done.countDown();
                }
            }));
        }
        workers.forEach(Thread::start);
        done.await();
        LatencyHistogram all = new LatencyHistogram();
        logs.forEach(all::add);
        return new LoadResult(client.name(), concurrency, errors.get(), measureEnd - measureStart, all, firstError.get(),
                attempted.get());
    }

    private static void work(ClientUnderTest client, int worker, long start, long measureStart, long measureEnd,
            LatencyHistogram log, AtomicLong errors, AtomicLong attempted, AtomicReference<String> firstError) {
        SplittableRandom random = new SplittableRandom(worker * 7919L + System.nanoTime());
        for (long now = System.nanoTime(); now < start; now = System.nanoTime()) {
            LockSupport.parkNanos(start - now);
        }
        for (long call = worker; ; call++) {
            int type = (int) (call % 3);
            // The request is built before the clock starts: only the call is measured.
            Object request = switch (type) {
                case 0 -> Workload.search(random);
                case 1 -> Workload.get(random);
                default -> Workload.upsert(random);
            };
            long begin = System.nanoTime();
            if (begin >= measureEnd) {
                return;
            }
            attempted.incrementAndGet();
            String problem = null;
            try {
                boolean ok = switch (type) {
                    case 0 -> client.search((SearchPoints) request) == Workload.TOP;
                    case 1 -> client.get((GetPoints) request) == 1;
                    default -> client.upsert((UpsertPoints) request);
                };
                if (!ok) {
                    problem = "wrong answer to a " + (type == 0 ? "search" : type == 1 ? "get" : "upsert");
                }
            } catch (Exception e) {
                problem = e.toString();
            }
            long latency = System.nanoTime() - begin;
            if (begin >= measureStart) {
                log.record(latency);
                if (problem != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet("", problem);
                }
            }
        }
    }
}
