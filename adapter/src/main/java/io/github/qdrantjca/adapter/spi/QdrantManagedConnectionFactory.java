package io.github.qdrantjca.adapter.spi;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.spi.QdrantAdapterConfig.Endpoint;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * The pool's configuration and the factory of its physical connections. Each property has a
 * description and a default in the adapter metadata; all are validated once, together, by
 * {@link QdrantAdapterConfig#validate}.
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

    /** Extra time {@link #getInvalidConnections} allows beyond the validation deadline for callbacks. */
    private static final long VALIDATION_SLACK_MILLIS = 250;

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

    private transient volatile QdrantAdapterConfig config;
    private transient volatile ResourceAdapter resourceAdapter;
    private transient volatile PrintWriter logWriter;
    private transient Set<QdrantManagedConnection> live = ConcurrentHashMap.newKeySet();
    private transient volatile Cleaner leakCleaner;
    private final AdapterCounters counters = new AdapterCounters();
    private transient ChannelLeases leases = new ChannelLeases(counters);
    private final AtomicInteger nextEndpoint = new AtomicInteger();

    // ---- ManagedConnectionFactory --------------------------------------------------------------

    /** The application-facing factory, going through the container's {@code ConnectionManager}. */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        config();
        return new QdrantConnectionFactoryImpl(this, connectionManager);
    }

    /** A factory for use outside a container: one physical connection per handle, no pooling. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    /**
     * Opens one physical connection, trying the configured nodes in turn (starting with the next one
     * in round-robin order), each within {@code connectTimeoutMillis}.
     */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        QdrantAdapterConfig cfg = config();
        QdrantConnectionRequestInfo request = QdrantConnectionRequestInfo.from(info);
        String key = request.apiKey() != null ? request.apiKey() : cfg.apiKey();
        List<Endpoint> endpoints = cfg.endpoints();
        int start = Math.floorMod(nextEndpoint.getAndIncrement(), endpoints.size());
        ResourceException failure = null;
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get((start + i) % endpoints.size());
            try {
                QdrantManagedConnection mc = open(endpoint, cfg, request, key);
                live.add(mc);
                return mc;
            } catch (ResourceException e) {
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
        if (endpoints.size() == 1) {
            throw failure;
        }
        ResourceAllocationException all = new ResourceAllocationException("None of the Qdrant nodes " + endpoints
                + " could be connected; first failure: " + failure.getMessage());
        all.initCause(failure);
        throw all;
    }

    /**
     * A managed connection on a physical connection to {@code endpoint}. A shared physical connection
     * can break between its lease and the new managed connection's registration on it: then the
     * managed connection is destroyed (which gives the lease back) and the next lease, which skips
     * broken connections, is tried; a few times at most.
     */
    private QdrantManagedConnection open(Endpoint endpoint, QdrantAdapterConfig cfg,
            QdrantConnectionRequestInfo request, String key) throws ResourceException {
        for (int attempt = 1; ; attempt++) {
            PhysicalConnection physical = leases.acquire(endpoint, key, cfg, transport());
            QdrantManagedConnection mc = new QdrantManagedConnection(this, cfg, request, physical, counters);
            if (mc.isUsable()) {
                return mc;
            }
            mc.destroy();
            if (attempt == 3) {
                throw new ResourceAllocationException("Qdrant at " + endpoint + ": the shared channel broke as "
                        + "this connection joined it, 3 times in a row");
            }
        }
    }

    /** A usable connection of this pool opened with equal request info, or {@code null}. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        QdrantConnectionRequestInfo request = QdrantConnectionRequestInfo.from(info);
        for (Object candidate : candidates) {
            String refusal = refusal(candidate, request);
            if (refusal == null) {
                return (QdrantManagedConnection) candidate;
            }
            if (LOG.isLoggable(Level.FINE)) {
                LOG.log(Level.FINE, "Not matched for {0}: {1} ({2})", new Object[] {request, candidate, refusal});
            }
        }
        return null;
    }

    /** Why {@code candidate} cannot serve {@code request}, or {@code null} when it can: the matching rule. */
    private String refusal(Object candidate, QdrantConnectionRequestInfo request) {
        if (!(candidate instanceof QdrantManagedConnection mc)) {
            return "not a Qdrant managed connection";
        }
        if (!equals(mc.factory())) {
            return "opened by another pool's factory";
        }
        if (!mc.isUsable()) {
            return mc.isDestroyed() ? "destroyed" : "broken or found invalid";
        }
        if (!mc.requestInfo().equals(request)) {
            return "opened with other credentials";
        }
        return null;
    }

    /**
     * The connections that failed validation. All are checked at once; the whole call returns
     * within {@code validationTimeoutMillis} plus a small slack, whatever the server does.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) throws ResourceException {
        QdrantAdapterConfig cfg = config();
        Map<QdrantManagedConnection, CompletableFuture<String>> checks = new LinkedHashMap<>();
        for (Object candidate : connections) {
            if (candidate instanceof QdrantManagedConnection mc) {
                checks.put(mc, mc.validate());
            }
        }
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(cfg.validationTimeout().toMillis() + VALIDATION_SLACK_MILLIS);
        Set invalid = new HashSet<>();
        boolean interrupted = false;
        for (Map.Entry<QdrantManagedConnection, CompletableFuture<String>> check : checks.entrySet()) {
            String reason;
            try {
                // Once the caller is interrupted it waits no more: a check still running then says nothing
                // against its connection (an interrupted borrower must not empty the pool), only a finished one.
                reason = interrupted ? check.getValue().getNow(null)
                        : check.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                reason = "no answer within " + cfg.validationTimeout().toMillis() + " ms";
            } catch (InterruptedException e) {
                interrupted = true;
                reason = check.getValue().getNow(null);
            } catch (ExecutionException e) {
                reason = PhysicalConnection.describe(e.getCause());
            }
            if (reason != null) {
                QdrantManagedConnection mc = check.getKey();
                mc.markInvalid(reason);
                counters.validationsFailed.incrementAndGet();
                LOG.log(Level.INFO, "{0} failed validation: {1}", new Object[] {mc, reason});
                invalid.add(mc);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return invalid;
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

    // ---- for the adapter -----------------------------------------------------------------------

    /**
     * The resource adapter's threads while this factory belongs to a started adapter; otherwise
     * (outside a container, in tests, or an adapter already stopped) {@code null}, and the channel
     * uses gRPC's shared threads.
     */
    private GrpcTransport transport() {
        GrpcTransport transport = resourceAdapter instanceof QdrantResourceAdapter qdrant ? qdrant.transport() : null;
        return transport == null || transport.isShutdown() ? null : transport;
    }

    /**
     * The validated configuration. Validation happens once; a setter call makes the next use
     * validate again.
     *
     * @throws jakarta.resource.spi.InvalidPropertyException naming the invalid property and value
     */
    public QdrantAdapterConfig config() throws ResourceException {
        QdrantAdapterConfig current = config;
        if (current == null) {
            current = QdrantAdapterConfig.validate(new QdrantAdapterConfig.Raw(host, port, hosts, useTls,
                    trustCertificate, apiKey, callTimeoutMillis, connectTimeoutMillis, validationTimeoutMillis,
                    validationMode, connectionTracing, sharedChannels));
            config = current;
            if (!current.useTls()) {
                LOG.log(Level.INFO, "Qdrant adapter uses PLAINTEXT gRPC to {0} (useTls=false). The official Qdrant "
                        + "client defaults to TLS; set useTls=true for a TLS-enabled Qdrant.", current.endpoints());
            }
        }
        return current;
    }

    /** A snapshot of this pool's counters. */
    public QdrantAdapterStatistics statistics() {
        return counters.snapshot();
    }

    /**
     * The cleaner that reports handles collected unclosed; created on first use (connection tracing
     * only). It is held by this factory, never statically, so its thread ends once the factory is
     * gone and an undeployed adapter's class loader can be collected.
     */
    Cleaner leakCleaner() {
        Cleaner cleaner = leakCleaner;
        if (cleaner == null) {
            synchronized (this) {
                cleaner = leakCleaner;
                if (cleaner == null) {
                    cleaner = Cleaner.create(task -> {
                        Thread thread = new Thread(task, "qdrant-jca-leak-tracing");
                        thread.setDaemon(true);
                        thread.setContextClassLoader(null);
                        return thread;
                    });
                    leakCleaner = cleaner;
                }
            }
        }
        return cleaner;
    }

    /** A destroyed managed connection gives its physical connection back, and is forgotten. */
    void release(QdrantManagedConnection mc, PhysicalConnection physical) {
        try {
            leases.release(physical);
        } finally {
            live.remove(mc);
        }
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

    // ---- JavaBean properties -------------------------------------------------------------------

    /** See {@link #setHost}. */
    public String getHost() {
        return host;
    }

    /** Qdrant host name or address (default {@code localhost}); ignored when {@code hosts} is set. */
    public void setHost(String host) {
        this.host = host;
        config = null;
    }

    /** See {@link #setPort}. */
    public Integer getPort() {
        return port;
    }

    /** Qdrant gRPC port, 1-65535 (default 6334). */
    public void setPort(Integer port) {
        this.port = port;
        config = null;
    }

    /** See {@link #setHosts}. */
    public String getHosts() {
        return hosts;
    }

    /** Comma-separated {@code host:port} list of a Qdrant cluster (default empty); overrides host and port. */
    public void setHosts(String hosts) {
        this.hosts = hosts;
        config = null;
    }

    /** See {@link #setUseTls}. */
    public Boolean getUseTls() {
        return useTls;
    }

    /** TLS on the gRPC channel (default {@code false}: plaintext, unlike the official client). */
    public void setUseTls(Boolean useTls) {
        this.useTls = useTls;
        config = null;
    }

    /** See {@link #setTrustCertificate}. */
    public String getTrustCertificate() {
        return trustCertificate;
    }

    /** PEM file of trusted certificates for TLS (default empty: the JVM's trust store). */
    public void setTrustCertificate(String trustCertificate) {
        this.trustCertificate = trustCertificate;
        config = null;
    }

    /** See {@link #setApiKey}. */
    public String getApiKey() {
        return apiKey;
    }

    /** API key sent as the {@code api-key} header (default empty: none). Confidential. */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
        config = null;
    }

    /** See {@link #setCallTimeoutMillis}. */
    public Long getCallTimeoutMillis() {
        return callTimeoutMillis;
    }

    /** Deadline of every call made through a handle, in milliseconds (default 10000). */
    public void setCallTimeoutMillis(Long callTimeoutMillis) {
        this.callTimeoutMillis = callTimeoutMillis;
        config = null;
    }

    /** See {@link #setConnectTimeoutMillis}. */
    public Long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Bound of opening one physical connection to one node, in milliseconds (default 5000). */
    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        config = null;
    }

    /** See {@link #setValidationTimeoutMillis}. */
    public Long getValidationTimeoutMillis() {
        return validationTimeoutMillis;
    }

    /** Deadline of one validation, in milliseconds (default 2000). */
    public void setValidationTimeoutMillis(Long validationTimeoutMillis) {
        this.validationTimeoutMillis = validationTimeoutMillis;
        config = null;
    }

    /** See {@link #setValidationMode}. */
    public String getValidationMode() {
        return validationMode;
    }

    /** {@code health} (Qdrant health RPC, the default) or {@code channel} (channel state only). */
    public void setValidationMode(String validationMode) {
        this.validationMode = validationMode;
        config = null;
    }

    /** See {@link #setConnectionTracing}. */
    public Boolean getConnectionTracing() {
        return connectionTracing;
    }

    /** Leak diagnostics: record where each handle was obtained (default {@code false}). */
    public void setConnectionTracing(Boolean connectionTracing) {
        this.connectionTracing = connectionTracing;
        config = null;
    }

    /** See {@link #setSharedChannels}. */
    public Integer getSharedChannels() {
        return sharedChannels;
    }

    /**
     * 0 (default): one gRPC channel (TCP connection) per pooled connection; N &gt; 0: the pooled
     * connections share at most N channels per node and API key.
     */
    public void setSharedChannels(Integer sharedChannels) {
        this.sharedChannels = sharedChannels;
        config = null;
    }

    // ---- identity: the configuration, as containers require ------------------------------------

    private List<Object> properties() {
        return java.util.Arrays.asList(host, port, hosts, useTls, trustCertificate, apiKey, callTimeoutMillis,
                connectTimeoutMillis, validationTimeoutMillis, validationMode, connectionTracing, sharedChannels);
    }

    @Override
    public boolean equals(Object o) {
        // Identity first: matchManagedConnections asks this on every borrow, and it is almost always the same object.
        return o == this
                || o instanceof QdrantManagedConnectionFactory other && properties().equals(other.properties());
    }

    @Override
    public int hashCode() {
        return properties().hashCode();
    }

    @Override
    public String toString() {
        return "QdrantManagedConnectionFactory[host=" + host + ", port=" + port + ", hosts=" + hosts + ", useTls="
                + useTls + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "****") + "]";
    }
}
