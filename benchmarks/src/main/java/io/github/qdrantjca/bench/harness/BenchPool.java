package io.github.qdrantjca.bench.harness;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The pools: {@code pooled} borrows from the first, at most {@value #MAX} connections, validated at
 * most once every 5 s (a production-like setting; note the annotation spelling
 * {@code validate-at-most-once-...}, which differs from the domain.xml attribute
 * {@code validate-atmost-once-...}: Payara ignores the latter here and validates on every borrow), no
 * leak tracing; {@code pooled-64} (a diagnostic) from the second, alike but
 * with a maximum of {@value #WIDE_MAX}. {@code pooled-mux} and {@code pooled-64-mux} borrow from the
 * third and the fourth, copies of the first and the second with the adapter property
 * {@code sharedChannels} set to {@value #MUX_CHANNELS}: their managed connections share that many
 * gRPC channels (TCP connections) instead of opening one each. {@code ${qdrant.host}} and
 * {@code ${qdrant.port}} are system properties of the Payara Micro JVM (the driver sets them).
 */
@ConnectionFactoryDefinition(
        name = BenchPool.NAME,
        description = "Qdrant pool of the benchmark harness",
        interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
        resourceAdapter = "qdrant-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = BenchPool.MAX,
        properties = {
            "host=${qdrant.host}",
            "port=${qdrant.port}",
            "callTimeoutMillis=10000",
            "org.glassfish.connector-connection-pool.max-wait-time-in-millis=60000",
            "org.glassfish.connector-connection-pool.is-connection-validation-required=true",
            "org.glassfish.connector-connection-pool.validate-at-most-once-period-in-seconds=5"
        })
@ConnectionFactoryDefinition(
        name = BenchPool.WIDE_NAME,
        description = "Diagnostic: the same pool with a maximum as large as the highest concurrency",
        interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
        resourceAdapter = "qdrant-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = BenchPool.WIDE_MAX,
        properties = {
            "host=${qdrant.host}",
            "port=${qdrant.port}",
            "callTimeoutMillis=10000",
            "org.glassfish.connector-connection-pool.max-wait-time-in-millis=60000",
            "org.glassfish.connector-connection-pool.is-connection-validation-required=true",
            "org.glassfish.connector-connection-pool.validate-at-most-once-period-in-seconds=5"
        })
@ConnectionFactoryDefinition(
        name = BenchPool.MUX_NAME,
        description = "The pool of the benchmark harness, its connections sharing gRPC channels",
        interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
        resourceAdapter = "qdrant-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = BenchPool.MAX,
        properties = {
            "host=${qdrant.host}",
            "port=${qdrant.port}",
            "callTimeoutMillis=10000",
            "sharedChannels=" + BenchPool.MUX_CHANNELS,
            "org.glassfish.connector-connection-pool.max-wait-time-in-millis=60000",
            "org.glassfish.connector-connection-pool.is-connection-validation-required=true",
            "org.glassfish.connector-connection-pool.validate-at-most-once-period-in-seconds=5"
        })
@ConnectionFactoryDefinition(
        name = BenchPool.WIDE_MUX_NAME,
        description = "Diagnostic: the wide pool, its connections sharing gRPC channels",
        interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
        resourceAdapter = "qdrant-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = BenchPool.WIDE_MAX,
        properties = {
            "host=${qdrant.host}",
            "port=${qdrant.port}",
            "callTimeoutMillis=10000",
            "sharedChannels=" + BenchPool.MUX_CHANNELS,
            "org.glassfish.connector-connection-pool.max-wait-time-in-millis=60000",
            "org.glassfish.connector-connection-pool.is-connection-validation-required=true",
            "org.glassfish.connector-connection-pool.validate-at-most-once-period-in-seconds=5"
        })
public final class BenchPool {

    /** Where the pool is bound. */
    public static final String NAME = "java:app/qdrant/Bench";
    /** The pool maximum. */
    public static final int MAX = 8;
    /** Where the diagnostic wide pool is bound. */
    public static final String WIDE_NAME = "java:app/qdrant/BenchWide";
    /** The wide pool's maximum: one connection per worker at the highest concurrency. */
    public static final int WIDE_MAX = 64;
    /** Where the pool of {@value #MAX} with shared channels is bound. */
    public static final String MUX_NAME = "java:app/qdrant/BenchMux";
    /** Where the diagnostic wide pool with shared channels is bound. */
    public static final String WIDE_MUX_NAME = "java:app/qdrant/BenchWideMux";
    /** The adapter property {@code sharedChannels} of the two {@code -mux} pools: gRPC channels per Qdrant node. */
    public static final int MUX_CHANNELS = 1;

    private BenchPool() {}
}
