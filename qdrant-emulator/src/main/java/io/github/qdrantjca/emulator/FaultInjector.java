package io.github.qdrantjca.emulator;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fault controls: stall (hold calls until released), latency (delay before every answer) and failNext (fail
 * the next n calls, optionally of one method prefix). One interceptor so that their order is decided in one place:
 * a call is first held while stalled, then delayed by the latency, then failed if a failNext rule takes it.
 */
final class FaultInjector implements ServerInterceptor {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemon("qdrant-emulator-latency"));
    private final ExecutorService releaser = Executors.newCachedThreadPool(daemon("qdrant-emulator-release"));

    private final List<Runnable> held = new ArrayList<>(); // guarded by this
    private final List<FailRule> failRules = new ArrayList<>(); // guarded by this
    private boolean stalled; // guarded by this
    private volatile Duration latency = Duration.ZERO;

    /** Turns stalling on or off; turning it off lets every held call proceed. */
    void stall(boolean on) {
        List<Runnable> release;
        synchronized (this) {
            stalled = on;
            if (on) {
                return;
            }
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(this::afterLatency);
    }

    void latency(Duration value) {
        Objects.requireNonNull(value, "latency");
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + value);
        }
        latency = value;
    }

    synchronized void failNext(String methodPrefix, int count, Status status) {
        Objects.requireNonNull(methodPrefix, "methodPrefix");
        Objects.requireNonNull(status, "status");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (status.isOk()) {
            throw new IllegalArgumentException("failNext needs an error status, not OK");
        }
        if (count > 0) {
            failRules.add(new FailRule(methodPrefix, count, status));
        }
    }

    /** Clears every fault: stall off (held calls proceed), no latency, no failNext rule. */
    void clear() {
        synchronized (this) {
            failRules.clear();
        }
        latency = Duration.ZERO;
        stall(false);
    }

    void shutdown() {
        clear();
        timer.shutdownNow();
        releaser.shutdownNow();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        boolean hold;
        synchronized (this) {
            hold = stalled;
        }
        if (!hold && latency.isZero()) {
            return startOrFail(call, headers, next);
        }
        DeferredListener<Q> deferred = new DeferredListener<>();
        Runnable start = Context.current().wrap(() -> deferred.start(() -> startOrFail(call, headers, next)));
        synchronized (this) {
            if (stalled) {
                held.add(start);
                return deferred;
            }
        }
        afterLatency(start);
        return deferred;
    }

    private void afterLatency(Runnable start) {
        long nanos = latency.toNanos();
        try {
            if (nanos <= 0) {
                releaser.execute(start);
            } else {
                timer.schedule(() -> releaser.execute(start), nanos, TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            // the emulator is closing; the call is cancelled with its transport
        }
    }

    private <Q, R> ServerCall.Listener<Q> startOrFail(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Status failure = takeFailure(call.getMethodDescriptor().getFullMethodName());
        if (failure == null) {
            return next.startCall(call, headers);
        }
        call.close(failure, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private synchronized Status takeFailure(String fullMethodName) {
        for (Iterator<FailRule> it = failRules.iterator(); it.hasNext();) {
            FailRule rule = it.next();
            if (fullMethodName.startsWith(rule.prefix)) {
                if (--rule.remaining == 0) {
                    it.remove();
                }
                return rule.status;
            }
        }
        return null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class FailRule {
        final String prefix;
        final Status status;
        int remaining;

        FailRule(String prefix, int remaining, Status status) {
            this.prefix = prefix;
            this.remaining = remaining;
            this.status = status;
        }
    }
}
