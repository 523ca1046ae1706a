package io.github.qdrantjca.sample.qdrant;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Defines {@value QdrantNames#FACTORY} when the WAR is deployed next to a standalone
 * {@code qdrant-rar.rar} (Payara Micro, Payara Server, WildFly). The pool settings prefixed
 * {@code org.glassfish.connector-connection-pool.} are read by Payara; other servers ignore them.
 * {@code ${qdrant.host}} and {@code ${qdrant.port}} are system properties of the server JVM (Payara
 * expands them always; WildFly with {@code annotation-property-replacement=true}).
 *
 * <p>The EAR build of this WAR leaves this class out and carries {@link EarFactoryDefinition}.
 */
@ConnectionFactoryDefinition(
        name = QdrantNames.FACTORY,
        description = "Qdrant connections of the sample application",
        interfaceName = QdrantNames.FACTORY_INTERFACE,
        resourceAdapter = QdrantNames.STANDALONE_ADAPTER,
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 8,
        properties = {
            "host=${qdrant.host}",
            "port=${qdrant.port}",
            "org.glassfish.connector-connection-pool.max-wait-time-in-millis=5000",
            "org.glassfish.connector-connection-pool.connection-leak-timeout-in-seconds=30",
            "org.glassfish.connector-connection-pool.connection-leak-reclaim=true",
            "org.glassfish.connector-connection-pool.is-connection-validation-required=true",
            "org.glassfish.connector-connection-pool.validate-at-most-once-period-in-seconds=5",
            "org.glassfish.connector-connection-pool.fail-all-connections=true"
        })
public final class StandaloneFactoryDefinition {

    private StandaloneFactoryDefinition() {}
}
