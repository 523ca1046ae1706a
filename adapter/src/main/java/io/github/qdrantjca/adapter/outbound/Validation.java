package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.transport.AdapterCounters;
import io.github.qdrantjca.adapter.transport.Diagnosis;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code getInvalidConnections}: all given connections checked at once, the whole within one deadline. */
final class Validation {

    private static final Logger LOG = Logger.getLogger(Validation.class.getName());
    /** Extra time allowed beyond the validation deadline for callbacks. */
    private static final long SLACK_MILLIS = 250;

    private Validation() {}

    /**
     * The connections found invalid, each marked so it is never matched again. Returns within
     * {@code validationTimeoutMillis} plus {@link #SLACK_MILLIS}, whatever the server does. A
     * connection past its age is invalid without a check, and logged at FINE only: renewal is routine.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Set invalid(Set connections, QdrantAdapterConfig cfg, AdapterCounters counters) {
        Map<QdrantManagedConnection, CompletableFuture<String>> checks = new LinkedHashMap<>();
        for (Object candidate : connections) {
            if (candidate instanceof QdrantManagedConnection mc) {
                checks.put(mc, mc.validate());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.validationTimeout().toMillis() + SLACK_MILLIS);
        Set invalid = new HashSet<>();
        boolean interrupted = false;
        for (Map.Entry<QdrantManagedConnection, CompletableFuture<String>> check : checks.entrySet()) {
            String reason;
            try {
                // Once the caller is interrupted it waits no more: a check still running then says nothing
                // against its connection (an interrupted borrower must not empty the pool), only a finished one.
                reason = interrupted ? check.getValue().getNow(null)
                        : check.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                reason = "no answer within " + cfg.validationTimeout().toMillis() + " ms";
            } catch (InterruptedException e) {
                interrupted = true;
                reason = check.getValue().getNow(null);
            } catch (ExecutionException e) {
                reason = Diagnosis.describe(e.getCause());
            }
            if (reason != null) {
                QdrantManagedConnection mc = check.getKey();
                if (mc.state() == QdrantManagedConnection.State.AGED) {
                    LOG.log(Level.FINE, "QDRANT-013 {0} is renewed: {1}", new Object[] {mc, reason});
                } else {
                    mc.markInvalid();
                    counters.validationsFailed.incrementAndGet();
                    LOG.log(Level.INFO, "QDRANT-012 {0} failed validation: {1}", new Object[] {mc, reason});
                }
                invalid.add(mc);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return invalid;
    }
}
