package io.github.qdrantjca.emulator;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts client connections (server transports): open now, high-water mark and total accepted. */
final class ConnectionCounter extends ServerTransportFilter {

    private static final Attributes.Key<Boolean> COUNTED = Attributes.Key.create("qdrant-emulator.counted");

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();

    @Override
    public Attributes transportReady(Attributes attributes) {
        int now = open.incrementAndGet();
        total.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
        return attributes.toBuilder().set(COUNTED, Boolean.TRUE).build();
    }

    @Override
    public void transportTerminated(Attributes attributes) {
        if (Boolean.TRUE.equals(attributes.get(COUNTED))) {
            open.decrementAndGet();
        }
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
