package io.github.qdrantjca.faults.app.payara;

import static io.github.qdrantjca.faults.app.FaultNames.API_KEY_A;
import static io.github.qdrantjca.faults.app.FaultNames.API_KEY_B;
import static io.github.qdrantjca.faults.app.FaultNames.CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.CONNECT_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.FAILOVER_CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.KEEPALIVE_TIME_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.LOAD_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.MAX_CONNECTION_AGE_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.POOL_WAIT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.SMALL_POOL_MAX;
import static io.github.qdrantjca.faults.app.FaultNames.VALIDATION_PERIOD_SECONDS;
import static io.github.qdrantjca.faults.app.FaultNames.VALIDATION_TIMEOUT_MILLIS;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ConnectionFactoryDefinitions;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The fault-suite pools on Payara, by annotation. {@code ${fault.qdrant.*}} are system properties of
 * the server JVM (the emulators' ports and the test certificate); the settings prefixed
 * {@code org.glassfish.connector-connection-pool.} are Payara's pool settings: a 1 s wait for a
 * free connection, validation (the adapter's health RPC, 500 ms deadline) on every borrow.
 * {@code FaultShared} is {@code FaultLoad} whose managed connections share one gRPC channel.
 * {@code FaultKeepalive} (the Qdrant that freezes) validates nothing on borrow: only its keepalive
 * condemns a frozen connection. {@code FaultFailover} spreads over two Qdrants ({@code hosts}) and
 * renews connections by age, which Payara learns from validation, at most once per second.
 */
@ConnectionFactoryDefinitions({
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultLoad",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = LOAD_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.port}",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                "validationTimeoutMillis=" + VALIDATION_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS,
                PayaraFaultPools.POOL + "is-connection-validation-required=true"
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultShared",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = LOAD_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.port}",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                "validationTimeoutMillis=" + VALIDATION_TIMEOUT_MILLIS,
                "sharedChannels=1",
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS,
                PayaraFaultPools.POOL + "is-connection-validation-required=true"
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultKeepalive",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = KEEPALIVE_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.frozen.port}",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                "validationTimeoutMillis=" + VALIDATION_TIMEOUT_MILLIS,
                "keepAliveTimeMillis=" + KEEPALIVE_TIME_MILLIS,
                "keepAliveTimeoutMillis=" + KEEPALIVE_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS,
                PayaraFaultPools.POOL + "is-connection-validation-required=false"
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultFailover",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = LOAD_POOL_MAX,
            properties = {
                "hosts=${fault.qdrant.failover.hosts}",
                "callTimeoutMillis=" + FAILOVER_CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                "validationTimeoutMillis=" + VALIDATION_TIMEOUT_MILLIS,
                "maxConnectionAgeMillis=" + MAX_CONNECTION_AGE_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS,
                PayaraFaultPools.POOL + "is-connection-validation-required=true",
                PayaraFaultPools.POOL + "validate-at-most-once-period-in-seconds=" + VALIDATION_PERIOD_SECONDS
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultKeyA",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = SMALL_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.key.port}",
                "apiKey=" + API_KEY_A,
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultKeyB",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = SMALL_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.key.port}",
                "apiKey=" + API_KEY_B,
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultTls",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = SMALL_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.tls.port}",
                "useTls=true",
                "trustCertificate=${fault.qdrant.trust}",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultTlsToPlain",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = SMALL_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.port}",
                "useTls=true",
                "trustCertificate=${fault.qdrant.trust}",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS
            }),
    @ConnectionFactoryDefinition(
            name = PayaraFaultPools.PREFIX + "FaultPlainToTls",
            interfaceName = PayaraFaultPools.INTERFACE,
            resourceAdapter = PayaraFaultPools.ADAPTER,
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = SMALL_POOL_MAX,
            properties = {
                "host=${fault.qdrant.host}",
                "port=${fault.qdrant.tls.port}",
                "useTls=false",
                "callTimeoutMillis=" + CALL_TIMEOUT_MILLIS,
                "connectTimeoutMillis=" + CONNECT_TIMEOUT_MILLIS,
                PayaraFaultPools.POOL + "max-wait-time-in-millis=" + POOL_WAIT_MILLIS
            })
})
public final class PayaraFaultPools {

    /** JNDI prefix of the pools on Payara. */
    public static final String PREFIX = "java:app/qdrant/";
    static final String INTERFACE = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory";
    static final String ADAPTER = "qdrant-rar";
    static final String POOL = "org.glassfish.connector-connection-pool.";

    private PayaraFaultPools() {}
}
