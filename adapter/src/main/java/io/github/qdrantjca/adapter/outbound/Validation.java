package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.transport.AdapterCounters;
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
        long timeout = cfg.validationTimeout().toMillis();
        boolean interrupted = false;
        try {
            CompletableFuture.allOf(checks.values().toArray(CompletableFuture[]::new))
                    .get(timeout + SLACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            // A check never fails (it completes with its reason); one still running is judged below.
        }
        // Once the caller is interrupted it waits no more: a check still running then says nothing
        // against its connection (an interrupted borrower must not empty the pool), only a finished one.
        String unanswered = interrupted ? null : "no answer within " + timeout + " ms";
        Set invalid = new HashSet<>();
        for (Map.Entry<QdrantManagedConnection, CompletableFuture<String>> check : checks.entrySet()) {
            String reason = check.getValue().getNow(unanswered);
            if (reason != null) {
                QdrantManagedConnection mc = check.getKey();
                if (mc.state() == QdrantManagedConnection.State.AGED) {
                    LOG.log(Level.FINE, "QDRANT-013 {0} is renewed: {1}", new Object[] {mc, reason});
                } else {
                    mc.markBroken(); // found invalid: the container destroys it, no event
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
