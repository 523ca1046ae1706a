package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** {@code /api/probe}: single measurements the scenarios need besides the steady load. */
@Path("probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    private static final long PROBE_WAIT_MILLIS = 120_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    HeldConnection holder;

    /** The adapter's counters of pool {@code pool}. */
    @GET
    @Path("stats")
    public Map<String, Object> stats(@QueryParam("pool") String pool) {
        return statistics(Pools.named(pool));
    }

    /** Creates the load collection unless it exists, and fills it. */
    @POST
    @Path("setup")
    public Map<String, Object> setup(@QueryParam("pool") String pool) throws Exception {
        int points = Calls.ensureCollection(Pools.named(pool), FaultNames.COLLECTION, FaultNames.DIMENSION);
        return Map.of("collection", FaultNames.COLLECTION, "points", points);
    }

    /** One borrow + health check + close: whether it worked, how long it took, and the error. */
    @GET
    @Path("once")
    public Map<String, Object> once(@QueryParam("pool") String pool) {
        return Calls.timed(() -> {
            try (QdrantConnection handle = Pools.named(pool).getConnection()) {
                return handle.client().healthCheckAsync().get().getVersion();
            }
        });
    }

    /**
     * {@code n} requests that Qdrant rejects, on {@code parallel} threads, each on its own handle:
     * even ones search with a vector of the wrong dimension, odd ones search a missing collection.
     * Counts the outcomes by gRPC status.
     */
    @POST
    @Path("rejected")
    public Map<String, Object> rejected(@QueryParam("pool") String pool, @QueryParam("n") @DefaultValue("10000") int n,
            @QueryParam("parallel") @DefaultValue("4") int parallel) {
        QdrantConnectionFactory factory = Pools.named(pool);
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, String> examples = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        int stuck = Parallel.run(threads, parallel, PROBE_WAIT_MILLIS, index -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                String outcome;
                try {
                    if (i % 2 == 0) {
                        Calls.searchOnce(factory, Calls.search(FaultNames.COLLECTION, FaultNames.DIMENSION + 3, i));
                    } else {
                        Calls.searchOnce(factory, Calls.search("missing-" + FaultNames.COLLECTION, FaultNames.DIMENSION, i));
                    }
                    outcome = "OK";
                } catch (Exception e) {
                    String status = Errors.statusCode(e);
                    outcome = status == null ? e.getClass().getSimpleName() : status;
                    examples.putIfAbsent(outcome, Errors.describe(e));
                }
                outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
        });
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        r.put("requests", n);
        r.put("outcomes", counts);
        r.put("examples", new TreeMap<>(examples));
        r.put("stuckThreads", stuck);
        r.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return r;
    }

    /**
     * Leaves {@code idle} connections of pool {@code pool} idle in the pool and keeps one more handle
     * open across requests, until {@code probe/held}.
     */
    @POST
    @Path("hold")
    public Map<String, Object> hold(@QueryParam("pool") String pool, @QueryParam("idle") int idle) throws Exception {
        return holder.hold(Pools.named(pool), idle);
    }

    /** One call through the handle {@code probe/hold} keeps, which is then closed. */
    @POST
    @Path("held")
    public Map<String, Object> held() {
        return holder.callAndClose();
    }

    /** Starts one call through the handle {@code probe/hold} keeps, with its own deadline; returns at once. */
    @POST
    @Path("held/start")
    public Map<String, Object> startHeldCall(@QueryParam("deadlineMillis") long deadlineMillis) {
        return holder.startCall(deadlineMillis);
    }

    /** How the call {@code probe/held/start} started ended (or that it still runs); closes the handle once it ended. */
    @GET
    @Path("held/outcome")
    public Map<String, Object> heldCallOutcome() {
        return holder.outcome();
    }

    /** Threads of the server JVM: count, daemon count, and counts by name (digits stripped). */
    @GET
    @Path("threads")
    public Map<String, Object> threads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Integer> byName = new TreeMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("threadCount", mx.getThreadCount());
        r.put("daemonThreadCount", mx.getDaemonThreadCount());
        r.put("byName", byName);
        return r;
    }

    /**
     * What an application could print about the pools {@code pools} (comma-separated JNDI names):
     * factory, handle, client and statistics {@code toString()}, and the full stack trace of a
     * failed call on each. The caller checks the text for API keys.
     */
    @GET
    @Path("texts")
    @Produces(MediaType.TEXT_PLAIN)
    public String texts(@QueryParam("pools") String pools) {
        StringBuilder text = new StringBuilder();
        for (String pool : pools.split(",")) {
            QdrantConnectionFactory factory = Pools.named(pool);
            text.append("== ").append(pool).append('\n');
            text.append("factory: ").append(factory).append('\n');
            try (QdrantConnection handle = factory.getConnection()) {
                text.append("handle: ").append(handle).append('\n');
                text.append("client: ").append(handle.client()).append('\n');
                text.append("metaData: ").append(handle.metaData()).append('\n');
                handle.client().listCollectionsAsync().get();
                text.append("listCollections: OK\n");
            } catch (Exception e) {
                text.append("failure: ").append(Errors.stackTrace(e)).append('\n');
            }
            text.append("statistics: ").append(factory.statistics()).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code n} calls on each of pools {@code a} and {@code b} (different API keys), interleaved on
     * {@code 2 * parallel} threads: the outcomes per pool by gRPC status (with the chain of an example of each
     * outcome that is not a gRPC status), and both pools' counters.
     */
    @GET
    @Path("keys")
    public Map<String, Object> keys(@QueryParam("a") String a, @QueryParam("b") String b,
            @QueryParam("n") @DefaultValue("200") int n, @QueryParam("parallel") @DefaultValue("2") int parallel) {
        List<String> pools = List.of(a, b);
        Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
        List<Map<String, String>> examples = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        AtomicInteger[] next = {new AtomicInteger(), new AtomicInteger()};
        int stuck = Parallel.run(threads, 2 * parallel, PROBE_WAIT_MILLIS, index -> {
            int which = index % 2;
            QdrantConnectionFactory factory = Pools.named(pools.get(which));
            for (int i = next[which].getAndIncrement(); i < n; i = next[which].getAndIncrement()) {
                String outcome;
                try (QdrantConnection handle = factory.getConnection()) {
                    handle.client().listCollectionsAsync().get();
                    outcome = "OK";
                } catch (Exception e) {
                    String status = Errors.statusCode(e);
                    outcome = status == null ? e.getClass().getSimpleName() : status;
                    if (status == null) {
                        examples.get(which).putIfAbsent(outcome, Errors.chain(e));
                    }
                }
                outcomes.computeIfAbsent(pools.get(which), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("a", counts(outcomes.get(a)));
        r.put("b", counts(outcomes.get(b)));
        r.put("examplesA", new TreeMap<>(examples.get(0)));
        r.put("examplesB", new TreeMap<>(examples.get(1)));
        r.put("statsA", statistics(Pools.named(a)));
        r.put("statsB", statistics(Pools.named(b)));
        r.put("stuckThreads", stuck);
        return r;
    }

    /**
     * Exhausts pool {@code pool}: {@code holders} threads borrow a handle each and keep it until
     * {@code extra} further callers have asked for one (and failed after the pool's wait time, or
     * got one); then the holders close theirs, and {@code 2 * holders} calls on as many threads
     * show whether the pool recovered.
     */
    @GET
    @Path("exhaust")
    public Map<String, Object> exhaust(@QueryParam("pool") String pool, @QueryParam("holders") int holders,
            @QueryParam("extra") @DefaultValue("3") int extra) throws InterruptedException {
        QdrantConnectionFactory factory = Pools.named(pool);
        CountDownLatch holding = new CountDownLatch(holders);
        CountDownLatch release = new CountDownLatch(1);
        LongAdder held = new LongAdder();
        List<String> holderErrors = Collections.synchronizedList(new ArrayList<>());
        List<String> extraErrors = Collections.synchronizedList(new ArrayList<>());
        LongAdder extraGot = new LongAdder();
        LongAccumulator extraMax = new LongAccumulator(Math::max, 0);
        LongAccumulator extraMin = new LongAccumulator(Math::min, Long.MAX_VALUE);
        // The holders run on their own threads (started by a driver thread) while this thread drives the extra callers.
        CountDownLatch holdersDone = new CountDownLatch(1);
        AtomicInteger stuckHolders = new AtomicInteger();
        Thread driver = threads.newThread(() -> {
            stuckHolders.set(Parallel.run(threads, holders, PROBE_WAIT_MILLIS, index -> {
                try (QdrantConnection handle = factory.getConnection()) {
                    handle.client().healthCheckAsync().get();
                    held.increment();
                    holding.countDown();
                    release.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    holderErrors.add(Errors.describe(e));
                    holding.countDown();
                }
            }));
            holdersDone.countDown();
        });
        driver.start();
        boolean allHolding = holding.await(30, TimeUnit.SECONDS);
        int stuckExtra = Parallel.run(threads, extra, PROBE_WAIT_MILLIS, index -> {
            long start = System.nanoTime();
            try (QdrantConnection handle = factory.getConnection()) {
                extraGot.increment();
            } catch (Exception e) {
                extraErrors.add(Errors.describe(e));
            } finally {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                extraMax.accumulate(millis);
                extraMin.accumulate(millis);
            }
        });
        release.countDown();
        boolean holdersReleased = holdersDone.await(30, TimeUnit.SECONDS);

        LongAdder recovered = new LongAdder();
        List<String> recoveryErrors = Collections.synchronizedList(new ArrayList<>());
        int stuckRecovery = Parallel.run(threads, 2 * holders, PROBE_WAIT_MILLIS, index -> {
            try (QdrantConnection handle = factory.getConnection()) {
                handle.client().healthCheckAsync().get();
                recovered.increment();
            } catch (Exception e) {
                recoveryErrors.add(Errors.describe(e));
            }
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("holders", holders);
        r.put("held", held.sum());
        r.put("allHolding", allHolding);
        r.put("holderErrors", holderErrors);
        r.put("extra", extra);
        r.put("extraGotConnection", extraGot.sum());
        r.put("extraFailed", extraErrors.size());
        r.put("extraMinMillis", extraMin.get() == Long.MAX_VALUE ? -1 : extraMin.get());
        r.put("extraMaxMillis", extraMax.get());
        r.put("extraErrors", extraErrors);
        r.put("holdersReleased", holdersReleased);
        r.put("recoveryCalls", 2 * holders);
        r.put("recovered", recovered.sum());
        r.put("recoveryErrors", recoveryErrors);
        r.put("stuckThreads", stuckHolders.get() + stuckExtra + stuckRecovery);
        r.put("statistics", statistics(factory));
        return r;
    }

    static Map<String, Object> statistics(QdrantConnectionFactory factory) {
        QdrantAdapterStatistics s = factory.statistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("physicalCreated", s.physicalCreated());
        m.put("physicalDestroyed", s.physicalDestroyed());
        m.put("physicalOpen", s.physicalOpen());
        m.put("physicalOpenPeak", s.physicalOpenPeak());
        m.put("handlesOpen", s.handlesOpen());
        m.put("connectionErrors", s.connectionErrors());
        m.put("validationsFailed", s.validationsFailed());
        return m;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> outcomes) {
        Map<String, Long> m = new TreeMap<>();
        if (outcomes != null) {
            outcomes.forEach((k, v) -> m.put(k, v.sum()));
        }
        return m;
    }
}
