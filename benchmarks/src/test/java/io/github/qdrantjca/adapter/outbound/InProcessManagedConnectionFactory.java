package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.transport.AdapterCounters;
import io.github.qdrantjca.adapter.transport.PhysicalConnection;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import javax.security.auth.Subject;

/**
 * Benchmark seam, not product code: a managed connection factory whose physical connections are
 * gRPC in-process channels to the server named {@code serverName}, so that the adapter's own code
 * path (handle-scoped channel, API-key and outcome interceptors, handle and event bookkeeping) can
 * be timed without a network. Everything above the channel is the adapter's real code: the channel goes
 * in through {@code PhysicalConnection}'s package-private constructor instead of the Netty channel
 * that {@code PhysicalConnection.open} builds.
 * Lives in the adapter's package (a split package on the class path, test scope only).
 */
public final class InProcessManagedConnectionFactory extends QdrantManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final String serverName;
    private final transient AdapterCounters seamCounters = new AdapterCounters();

    /** Connections go to the in-process server {@code serverName}. */
    public InProcessManagedConnectionFactory(String serverName) {
        this.serverName = serverName;
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        QdrantAdapterConfig cfg = config();
        ManagedChannel channel = InProcessChannelBuilder.forName(serverName).directExecutor().build();
        String key = Credentials.apiKey(this, subject, info);
        PhysicalConnection physical = new PhysicalConnection(cfg.endpoints().get(0), channel, key, seamCounters);
        QdrantManagedConnection mc = new QdrantManagedConnection(this, cfg, key, seamCounters);
        physical.addBrokenListener(mc);
        mc.opened(physical);
        return mc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InProcessManagedConnectionFactory other && serverName.equals(other.serverName)
                && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + serverName.hashCode();
    }
}
