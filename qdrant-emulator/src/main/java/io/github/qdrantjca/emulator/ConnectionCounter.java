package io.github.qdrantjca.emulator;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts client connections (server transports): open now, high-water mark and total accepted after the HTTP/2
 * handshake, and the TCP connections that closed before it (a load balancer's or Kubernetes' TCP probe, a plaintext
 * client on a TLS port): gRPC reports those as terminated without ever being ready, with no attributes.
 */
final class ConnectionCounter extends ServerTransportFilter {

    private static final Logger LOG = Logger.getLogger(ConnectionCounter.class.getName());

    private static final Attributes.Key<Boolean> COUNTED = Attributes.Key.create("qdrant-emulator.counted");

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong closedBeforeHandshake = new AtomicLong();

    @Override
    public Attributes transportReady(Attributes attributes) {
        int now = open.incrementAndGet();
        total.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
        return attributes.toBuilder().set(COUNTED, Boolean.TRUE).build();
    }

    @Override
    public void transportTerminated(Attributes attributes) {
        if (attributes != null && Boolean.TRUE.equals(attributes.get(COUNTED))) {
            open.decrementAndGet();
            return;
        }
        long n = closedBeforeHandshake.incrementAndGet();
        LOG.fine(() -> "connection closed before the HTTP/2 handshake (" + n + " so far)");
    }

    long closedBeforeHandshake() {
        return closedBeforeHandshake.get();
    }

    int open() {
        return open.get();
    }

    int max() {
        return max.get();
    }

    long total() {
        return total.get();
    }

    /** Starts a new high-water mark at the current number of open connections. */
    void resetMax() {
        max.set(open.get());
    }
}
