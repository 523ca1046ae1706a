package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.transport.AdapterCounters;
import io.github.qdrantjca.adapter.transport.ChannelLeases;
import io.github.qdrantjca.adapter.transport.GrpcTransport;
import io.github.qdrantjca.adapter.transport.PhysicalConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * The pool's configuration (the {@link ConfigProperty} fields, declared once, see
 * {@link ConfigProperties}) and the JCA glue: opening goes to the transport's {@link ChannelLeases},
 * validation to {@link Validation}, the life of a connection to {@link QdrantManagedConnection}.
 */
@ConnectionDefinition(
        connectionFactory = QdrantConnectionFactory.class,
        connectionFactoryImpl = QdrantConnectionFactoryImpl.class,
        connection = QdrantConnection.class,
        connectionImpl = QdrantConnectionHandle.class)
public class QdrantManagedConnectionFactory
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(QdrantManagedConnectionFactory.class.getName());

    @ConfigProperty(defaultValue = "localhost", description = "Qdrant host name or address")
    private String host = "localhost";
    @ConfigProperty(type = Integer.class, defaultValue = "6334", description = "Qdrant gRPC port")
    private Integer port = 6334;
    @ConfigProperty(defaultValue = "", description = "Comma-separated host:port list of a Qdrant cluster; "
            + "when set, overrides host and port; connections are spread over the nodes and fail over")
    private String hosts = "";
    @ConfigProperty(type = Boolean.class, defaultValue = "false", description = "TLS on the gRPC channel. "
            + "Default false (plaintext), unlike the official Qdrant client, which defaults to TLS")
    private Boolean useTls = false;
    @ConfigProperty(defaultValue = "", description = "Path to a PEM file of trusted certificates for TLS; "
            + "empty = the JVM's default trust store")
    private String trustCertificate = "";
    @ConfigProperty(defaultValue = "", confidential = true,
            description = "API key sent as the api-key header; empty = none. Confidential: never logged")
    private String apiKey = "";
    @ConfigProperty(type = Long.class, defaultValue = "10000",
            description = "Deadline in milliseconds of every Qdrant call made through a connection")
    private Long callTimeoutMillis = 10_000L;
    @ConfigProperty(type = Long.class, defaultValue = "5000",
            description = "Milliseconds allowed to open a new physical connection to one Qdrant node")
    private Long connectTimeoutMillis = 5_000L;
    @ConfigProperty(type = Long.class, defaultValue = "2000",
            description = "Deadline in milliseconds of one connection validation")
    private Long validationTimeoutMillis = 2_000L;
    @ConfigProperty(defaultValue = "health", description = "How connections are validated: "
            + "'health' (Qdrant health RPC) or 'channel' (gRPC channel state only)")
    private String validationMode = "health";
    @ConfigProperty(type = Boolean.class, defaultValue = "false", description = "Leak diagnostics: record where "
            + "each connection was obtained and log it when the container reclaims it or it is collected unclosed")
    private Boolean connectionTracing = false;
    @ConfigProperty(type = Integer.class, defaultValue = "0", description = "0 (default): every pooled connection "
            + "opens its own gRPC channel, one TCP connection to Qdrant each, so the pool size decides how many exist. "
            + "N > 0: the pooled connections share at most N gRPC channels per Qdrant node and API key (HTTP/2 "
            + "multiplexes their calls): the pool size then bounds the calls in flight, N the TCP connections")
    private Integer sharedChannels = 0;
    @ConfigProperty(type = Long.class, defaultValue = "30000", description = "Milliseconds of silence after which "
            + "an HTTP/2 keepalive ping checks the connection, also while it is idle in the pool; 0 = off, else at "
            + "least 10000. An unanswered ping makes the connection broken")
    private Long keepAliveTimeMillis = 30_000L;
    @ConfigProperty(type = Long.class, defaultValue = "10000",
            description = "Milliseconds a keepalive ping may go unanswered before the connection is given up")
    private Long keepAliveTimeoutMillis = 10_000L;
    @ConfigProperty(type = Long.class, defaultValue = "0", description = "Milliseconds after which a connection, "
            + "plus a random 0-10 % so a pool does not renew all at once, fails validation and is not matched, so "
            + "the container replaces it (e.g. to spread again over cluster nodes after a failover); 0 = never")
    private Long maxConnectionAgeMillis = 0L;

    private transient volatile QdrantAdapterConfig config;
    private transient volatile ResourceAdapter resourceAdapter;
    private transient volatile PrintWriter logWriter;
    private transient Set<QdrantManagedConnection> live = ConcurrentHashMap.newKeySet();
    private transient volatile Cleaner leakCleaner;
    private final AdapterCounters counters = new AdapterCounters();
    private transient ChannelLeases leases = new ChannelLeases(counters);

    /** The application-facing factory, going through the container's {@code ConnectionManager}. */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        LOG.log(Level.FINER, "createConnectionFactory {0}", this);
        config();
        return new QdrantConnectionFactoryImpl(this, connectionManager);
    }

    /** A factory for use outside a container: one physical connection per handle, no pooling. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    /** Opens one physical connection, with the key {@link Credentials} chooses, within one deadline computed here. */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        QdrantAdapterConfig cfg = config();
        long deadline = System.nanoTime() + cfg.connectTimeout().toNanos() * cfg.endpoints().size();
        LOG.log(Level.FINER, "createManagedConnection {0}", cfg);
        String key = Credentials.apiKey(this, subject, info);
        // The resource adapter's threads while it is started; otherwise null (gRPC's shared threads).
        GrpcTransport transport = resourceAdapter instanceof QdrantResourceAdapter qdrant ? qdrant.transport() : null;
        QdrantManagedConnection mc = new QdrantManagedConnection(this, cfg, key, counters);
        if (!mc.opened(leases.connect(cfg.endpoints(), key, cfg.channelSettings(), transport, mc, deadline))) {
            mc.destroy();
            throw new jakarta.resource.spi.ResourceAllocationException("The connection to Qdrant at "
                    + mc.authority() + " broke as it opened");
        }
        live.add(mc);
        return mc;
    }

    /** A usable connection of this pool opened with the credentials this request asks for, or {@code null}. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        String key = Credentials.apiKey(this, subject, info);
        for (Object candidate : candidates) {
            String refusal = candidate instanceof QdrantManagedConnection mc ? mc.refusal(this, key)
                    : "not a Qdrant managed connection";
            if (refusal == null) {
                LOG.log(Level.FINER, "matchManagedConnections: {0}", candidate);
                return (QdrantManagedConnection) candidate;
            }
            LOG.log(Level.FINE, "QDRANT-015 Not matched: {0} ({1})", new Object[] {candidate, refusal});
        }
        return null;
    }

    /** The connections that failed validation; returns within {@code validationTimeoutMillis} plus a small slack. */
    @Override
    @SuppressWarnings("rawtypes")
    public Set getInvalidConnections(Set connections) throws ResourceException {
        LOG.log(Level.FINER, "getInvalidConnections {0}", connections);
        return Validation.invalid(connections, config(), counters);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        this.resourceAdapter = adapter;
        if (adapter instanceof QdrantResourceAdapter qdrant) {
            qdrant.register(this);
        }
    }

    /**
     * The validated configuration; validated once, again after a setter call.
     *
     * @throws jakarta.resource.spi.InvalidPropertyException naming the invalid property and value
     */
    public QdrantAdapterConfig config() throws ResourceException {
        QdrantAdapterConfig current = config;
        if (current == null) {
            current = QdrantAdapterConfig.validate(ConfigProperties.values(this));
            config = current;
            if (!current.useTls()) {
                LOG.log(Level.INFO, "QDRANT-001 Qdrant adapter uses PLAINTEXT gRPC to {0} (useTls=false). The official "
                        + "Qdrant client defaults to TLS; set useTls=true for a TLS-enabled Qdrant.", current.endpoints());
            }
        }
        return current;
    }

    private void changed() {
        config = null;
    }

    /** A snapshot of this pool's counters. */
    public QdrantAdapterStatistics statistics() {
        return counters.snapshot();
    }

    /**
     * The cleaner that reports handles collected unclosed (connection tracing only), created on first
     * use and held by this factory, never statically, so its thread ends once the factory is gone.
     */
    synchronized Cleaner leakCleaner() {
        if (leakCleaner == null) {
            leakCleaner = HandleState.newLeakCleaner();
        }
        return leakCleaner;
    }

    /** A destroyed managed connection gives its physical connection back, and is forgotten. */
    void release(QdrantManagedConnection mc, PhysicalConnection physical) {
        live.remove(mc);
        leases.release(physical, mc);
    }

    /** Destroys every physical connection still open (the resource adapter is stopping). */
    void destroyAll() {
        for (QdrantManagedConnection mc : new ArrayList<>(live)) {
            mc.destroy();
        }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        live = ConcurrentHashMap.newKeySet();
        leases = new ChannelLeases(counters);
    }

    // ---- the properties as JavaBean accessors (a setter makes the next use validate again) ----

    public String getHost() { return host; }
    public void setHost(String value) { host = value; changed(); }
    public Integer getPort() { return port; }
    public void setPort(Integer value) { port = value; changed(); }
    public String getHosts() { return hosts; }
    public void setHosts(String value) { hosts = value; changed(); }
    public Boolean getUseTls() { return useTls; }
    public void setUseTls(Boolean value) { useTls = value; changed(); }
    public String getTrustCertificate() { return trustCertificate; }
    public void setTrustCertificate(String value) { trustCertificate = value; changed(); }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String value) { apiKey = value; changed(); }
    public Long getCallTimeoutMillis() { return callTimeoutMillis; }
    public void setCallTimeoutMillis(Long value) { callTimeoutMillis = value; changed(); }
    public Long getConnectTimeoutMillis() { return connectTimeoutMillis; }
    public void setConnectTimeoutMillis(Long value) { connectTimeoutMillis = value; changed(); }
    public Long getValidationTimeoutMillis() { return validationTimeoutMillis; }
    public void setValidationTimeoutMillis(Long value) { validationTimeoutMillis = value; changed(); }
    public String getValidationMode() { return validationMode; }
    public void setValidationMode(String value) { validationMode = value; changed(); }
    public Boolean getConnectionTracing() { return connectionTracing; }
    public void setConnectionTracing(Boolean value) { connectionTracing = value; changed(); }
    public Integer getSharedChannels() { return sharedChannels; }
    public void setSharedChannels(Integer value) { sharedChannels = value; changed(); }
    public Long getKeepAliveTimeMillis() { return keepAliveTimeMillis; }
    public void setKeepAliveTimeMillis(Long value) { keepAliveTimeMillis = value; changed(); }
    public Long getKeepAliveTimeoutMillis() { return keepAliveTimeoutMillis; }
    public void setKeepAliveTimeoutMillis(Long value) { keepAliveTimeoutMillis = value; changed(); }
    public Long getMaxConnectionAgeMillis() { return maxConnectionAgeMillis; }
    public void setMaxConnectionAgeMillis(Long value) { maxConnectionAgeMillis = value; changed(); }

    // ---- identity: the configuration, as containers require ----

    @Override
    public boolean equals(Object o) {
        // Identity first: matchManagedConnections asks this on every borrow, and it is almost always the same object.
        return o == this || o instanceof QdrantManagedConnectionFactory other && o.getClass() == getClass()
                && ConfigProperties.values(this).equals(ConfigProperties.values(other));
    }

    @Override
    public int hashCode() {
        return ConfigProperties.values(this).hashCode();
    }

    @Override
    public String toString() {
        return "QdrantManagedConnectionFactory" + ConfigProperties.describe(this);
    }
}
