package io.github.qdrantjca.bench.harness;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The pool the {@code pooled} client borrows from: at most {@value #MAX} connections, validated at
 * most once every 5 s (a production-like setting; note the annotation spelling
 * {@code validate-at-most-once-...}, which differs from the domain.xml attribute
 * {@code validate-atmost-once-...}: Payara ignores the latter here and validates on every borrow), no
 * leak tracing. {@code ${qdrant.host}} and
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
public final class BenchPool {

    /** Where the pool is bound. */
    public static final String NAME = "java:app/qdrant/Bench";
    /** The pool maximum. */
    public static final int MAX = 8;

    private BenchPool() {}
}
