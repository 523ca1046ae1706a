package io.github.qdrantjca.adapter.transport;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAllocationException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where one factory's managed connections get their physical connections: failover over the
 * nodes (round robin, a node that does not answer is skipped), each within one deadline, through
 * the {@link ChannelLeases} that decide about sharing.
 */
public final class NodeConnector {

    private static final Logger LOG = Logger.getLogger(NodeConnector.class.getName());
    /** How often a lease is retried when its shared connection closed or broke as the managed connection joined it. */
    private static final int REGISTER_ATTEMPTS = 3;

    private final ChannelLeases leases;
    private final AtomicInteger next = new AtomicInteger();

    public NodeConnector(AdapterCounters counters) {
        this.leases = new ChannelLeases(counters);
    }

    /**
     * A physical connection with {@code listener} registered on it. The nodes are tried in turn,
     * starting with the next in round-robin order; each gets {@code connectTimeout}, and none
     * anything past {@code deadline} ({@link System#nanoTime}), which the caller computed once.
     *
     * @throws ResourceAllocationException when no node could be connected; it names each failure
     */
    public PhysicalConnection connect(List<Endpoint> endpoints, String apiKey, ChannelSettings settings,
            GrpcTransport transport, PhysicalConnection.BrokenListener listener, long deadline) throws ResourceException {
        int start = Math.floorMod(next.getAndIncrement(), endpoints.size());
        ResourceException failure = null;
        int tried = 0;
        for (; tried < endpoints.size() && deadline - System.nanoTime() > 0; tried++) {
            Endpoint endpoint = endpoints.get((start + tried) % endpoints.size());
            long nodeDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
            try {
                return register(endpoint, apiKey, settings, transport, listener, nodeDeadline);
            } catch (ResourceException e) {
                LOG.log(Level.FINE, "QDRANT-030 Qdrant node {0} skipped: {1}", new Object[] {endpoint, e.getMessage()});
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        if (failure == null) {
            throw new ResourceAllocationException("No time left to connect to Qdrant at " + endpoints);
        }
        if (endpoints.size() == 1) {
            throw failure;
        }
        ResourceAllocationException all = new ResourceAllocationException("None of the Qdrant nodes " + endpoints
                + " could be connected (" + tried + " tried); first failure: " + failure.getMessage());
        all.initCause(failure);
        throw all;
    }

    /** A lease on {@code endpoint} that {@code listener} is registered on; a lease that broke first is given back. */
    private PhysicalConnection register(Endpoint endpoint, String apiKey, ChannelSettings settings,
            GrpcTransport transport, PhysicalConnection.BrokenListener listener, long deadline) throws ResourceException {
        for (int attempt = 1; ; attempt++) {
            PhysicalConnection physical = leases.acquire(endpoint, apiKey, settings, transport, deadline);
            if (physical != null && physical.addBrokenListener(listener)) {
                return physical;
            }
            if (physical != null) {
                leases.release(physical);
            }
            if (attempt == REGISTER_ATTEMPTS || deadline - System.nanoTime() <= 0) {
                throw new ResourceAllocationException("Qdrant at " + endpoint + ": the shared channel closed or broke as "
                        + "this connection joined it, " + attempt + " times in a row (" + TimeUnit.NANOSECONDS.toMillis(
                                Math.max(0, deadline - System.nanoTime())) + " ms left)");
            }
        }
    }

    /** Gives a physical connection back; {@code listener} hears of it no more. */
    public void release(PhysicalConnection physical, PhysicalConnection.BrokenListener listener) {
        physical.removeBrokenListener(listener);
        leases.release(physical);
    }
}
