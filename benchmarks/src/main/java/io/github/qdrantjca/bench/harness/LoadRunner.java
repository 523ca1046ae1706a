package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.bench.harness.Workload.Mix;
import io.qdrant.client.grpc.Points.CountPoints;
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
 * Runs a fixed-time load: {@code concurrency} workers (container-managed threads), each sending the
 * calls of a {@link Mix} in turn as fast as answers come (search, get and upsert; or get and count),
 * first for a warm-up that is not recorded, then for the measured window. A call counts as an error
 * when it throws or its answer is wrong (a search without {@link Workload#TOP} hits, a get without its
 * point, an upsert not completed, a count other than {@code SMALL_POINTS / GROUPS}).
 */
@ApplicationScoped
public class LoadRunner {

    @Resource
    ManagedThreadFactory threads;

    /**
     * Runs the load and returns its figures (calls attempted include the warm-up's); blocks until
     * {@code startMillis + warmup + measure} (plus the last calls). The workers start at the wall-clock
     * time {@code startMillis} (epoch milliseconds; at once if it has passed), so that a process outside
     * can sample what it needs at the edges of the measured window.
     */
    public LoadResult run(ClientUnderTest client, Mix mix, int concurrency, long startMillis, Duration warmup,
            Duration measure) throws InterruptedException {
        // every worker is created before the clock starts
        long start = System.nanoTime() + Math.max(50_000_000L, (startMillis - System.currentTimeMillis()) * 1_000_000L);
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
                    work(client, mix, worker, start, measureStart, measureEnd, log, errors, attempted, firstError);
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

    private static void work(ClientUnderTest client, Mix mix, int worker, long start, long measureStart, long measureEnd,
            LatencyHistogram log, AtomicLong errors, AtomicLong attempted, AtomicReference<String> firstError) {
        SplittableRandom random = new SplittableRandom(worker * 7919L + System.nanoTime());
        for (long now = System.nanoTime(); now < start; now = System.nanoTime()) {
            LockSupport.parkNanos(start - now);
        }
        for (long call = worker; ; call++) {
            int type = (int) (call % mix.calls());
            // The request is built before the clock starts: only the call is measured.
            Object request = mix == Mix.SEARCH
                    ? switch (type) {
                        case 0 -> Workload.search(random);
                        case 1 -> Workload.get(random);
                        default -> Workload.upsert(random);
                    }
                    : type == 0 ? Workload.smallGet(random) : Workload.count(random);
            long begin = System.nanoTime();
            if (begin >= measureEnd) {
                return;
            }
            attempted.incrementAndGet();
            String problem = null;
            try {
                if (!answer(client, request)) {
                    problem = "wrong answer to a " + request.getClass().getSimpleName();
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

    /** Sends {@code request} through {@code client}; whether the answer is the right one. */
    private static boolean answer(ClientUnderTest client, Object request) throws Exception {
        if (request instanceof SearchPoints search) {
            return client.search(search) == Workload.TOP;
        }
        if (request instanceof GetPoints get) {
            return client.get(get) == 1;
        }
        if (request instanceof UpsertPoints upsert) {
            return client.upsert(upsert);
        }
        return client.count((CountPoints) request) == Workload.SMALL_POINTS / Workload.GROUPS;
    }
}
