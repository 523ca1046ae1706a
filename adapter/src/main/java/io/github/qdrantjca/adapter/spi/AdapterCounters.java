package io.github.qdrantjca.adapter.spi;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one managed connection factory; {@link #snapshot()} is what operators read. */
final class AdapterCounters implements Serializable {

    private static final long serialVersionUID = 1L;

    final AtomicLong physicalCreated = new AtomicLong();
    final AtomicLong physicalDestroyed = new AtomicLong();
    final AtomicLong handlesOpen = new AtomicLong();
    final AtomicLong connectionErrors = new AtomicLong();
    final AtomicLong validationsFailed = new AtomicLong();

    QdrantAdapterStatistics snapshot() {
        long destroyed = physicalDestroyed.get();
        long created = physicalCreated.get();
        return new QdrantAdapterStatistics(created, destroyed, created - destroyed, handlesOpen.get(),
                connectionErrors.get(), validationsFailed.get());
    }
}
