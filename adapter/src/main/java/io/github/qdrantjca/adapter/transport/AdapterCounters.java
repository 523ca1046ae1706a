package io.github.qdrantjca.adapter.transport;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one managed connection factory; {@link #snapshot()} is what operators read. */
public final class AdapterCounters implements Serializable {

    private static final long serialVersionUID = 1L;

    public final AtomicLong physicalCreated = new AtomicLong();
    public final AtomicLong physicalDestroyed = new AtomicLong();
    public final AtomicLong handlesOpen = new AtomicLong();
    public final AtomicLong connectionErrors = new AtomicLong();
    public final AtomicLong validationsFailed = new AtomicLong();

    public QdrantAdapterStatistics snapshot() {
        long destroyed = physicalDestroyed.get();
        long created = physicalCreated.get();
        return new QdrantAdapterStatistics(created, destroyed, created - destroyed, handlesOpen.get(),
                connectionErrors.get(), validationsFailed.get());
    }
}
