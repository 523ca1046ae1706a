package io.github.qdrantjca.sample.qdrant;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Defines {@value QdrantNames#FACTORY} when the WAR is inside the sample EAR next to
 * {@code qdrant-rar.rar}: the adapter is then named {@value QdrantNames#EMBEDDED_ADAPTER}, which
 * Payara and WildFly both resolve to the RAR module of the same application. Only the EAR build of
 * the WAR contains this class (see the sample-app pom); settings as in
 * {@link StandaloneFactoryDefinition}.
 */
@ConnectionFactoryDefinition(
        name = QdrantNames.FACTORY,
        description = "Qdrant connections of the sample application",
        interfaceName = QdrantNames.FACTORY_INTERFACE,
        resourceAdapter = QdrantNames.EMBEDDED_ADAPTER,
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
public final class EarFactoryDefinition {

    private EarFactoryDefinition() {}
}
