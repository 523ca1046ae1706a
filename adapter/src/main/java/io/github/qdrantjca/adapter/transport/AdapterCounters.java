package io.github.qdrantjca.adapter.transport;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one managed connection factory; {@link #snapshot()} is what operators read. */
public final class AdapterCounters implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AtomicLong physicalCreated = new AtomicLong();
    private final AtomicLong physicalDestroyed = new AtomicLong();
    private final AtomicLong physicalOpen = new AtomicLong();
    private final AtomicLong physicalOpenPeak = new AtomicLong();
    public final AtomicLong handlesOpen = new AtomicLong();
    public final AtomicLong connectionErrors = new AtomicLong();
    public final AtomicLong validationsFailed = new AtomicLong();

    /** A physical connection was built: counted open, and the peak raised to it if it is the most yet. */
    void physicalCreated() {
        physicalCreated.incrementAndGet();
        physicalOpenPeak.accumulateAndGet(physicalOpen.incrementAndGet(), Math::max);
    }

    /** A physical connection ended (its channel terminated, or given up after shutdownNow). */
    void physicalDestroyed() {
        physicalDestroyed.incrementAndGet();
        physicalOpen.decrementAndGet();
    }

    public QdrantAdapterStatistics snapshot() {
        return new QdrantAdapterStatistics(physicalCreated.get(), physicalDestroyed.get(), physicalOpen.get(),
                physicalOpenPeak.get(), handlesOpen.get(), connectionErrors.get(), validationsFailed.get());
    }
}
