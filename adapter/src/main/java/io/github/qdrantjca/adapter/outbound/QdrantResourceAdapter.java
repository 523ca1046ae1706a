package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.AuthenticationMechanism;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import io.github.qdrantjca.adapter.transport.GrpcTransport;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The Qdrant resource adapter: outbound only, no transactions. It owns the threads its channels
 * run on ({@link GrpcTransport}); on {@link #stop()} it destroys any physical connection its pools
 * still hold, then ends those threads, so an undeploy leaves no channel and no thread behind.
 */
@Connector(
        displayName = "Qdrant Resource Adapter",
        description = "Jakarta Connectors outbound resource adapter for the Qdrant vector database (gRPC)",
        vendorName = "qdrant-jca",
        eisType = "Qdrant",
        version = "1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        // BasicPassword: the key may come as a PasswordCredential (container-managed sign-on). Payara consults a
        // pool's connector security map only for adapters that declare this mechanism.
        authMechanisms = @AuthenticationMechanism(authMechanism = "BasicPassword",
                credentialInterface = AuthenticationMechanism.CredentialInterface.PasswordCredential),
        reauthenticationSupport = false)
public class QdrantResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(QdrantResourceAdapter.class.getName());

    // Weakly held: a factory whose pool is gone (no managed connection open, no connection factory reachable)
    // is collected and dropped here, so redeploys do not pile them up. One with an open connection stays
    // reachable through the channel's threads, so stop() still finds it.
    private final transient List<WeakReference<QdrantManagedConnectionFactory>> factories = new CopyOnWriteArrayList<>();
    private transient volatile GrpcTransport transport;

    @Override
    public void start(BootstrapContext context) {
        GrpcTransport starting = new GrpcTransport();
        starting.warmUp();
        transport = starting;
        LOG.fine("QDRANT-002 Qdrant resource adapter started");
    }

    @Override
    public void stop() {
        for (QdrantManagedConnectionFactory factory : factories()) {
            factory.destroyAll();
        }
        factories.clear();
        GrpcTransport stopping = transport;
        transport = null;
        if (stopping != null) {
            stopping.shutdown();
        }
        LOG.fine("QDRANT-002 Qdrant resource adapter stopped");
    }

    /** The threads channels run on while the adapter is started; {@code null} before start and after stop. */
    GrpcTransport transport() {
        return transport;
    }

    /** Remembers a factory of this adapter (once), forgetting those collected since. */
    void register(QdrantManagedConnectionFactory factory) {
        if (factories().stream().noneMatch(f -> f == factory)) {
            factories.add(new WeakReference<>(factory));
        }
    }

    /** The factories this adapter holds that are still alive. */
    List<QdrantManagedConnectionFactory> factories() {
        factories.removeIf(ref -> ref.get() == null);
        return factories.stream().map(WeakReference::get).filter(Objects::nonNull).toList();
    }

    /** Not supported: the adapter is outbound only. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws NotSupportedException {
        throw new NotSupportedException("The Qdrant resource adapter has no inbound messaging");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {}

    /** None: Qdrant has no transactions. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The adapter has no configuration properties: all instances are equal. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return QdrantResourceAdapter.class.getName().hashCode();
    }
}
