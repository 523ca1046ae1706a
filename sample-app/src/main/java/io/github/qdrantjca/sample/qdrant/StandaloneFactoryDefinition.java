package io.github.qdrantjca.sample.qdrant;

import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Defines the Payara pool {@value QdrantNames#PAYARA_FACTORY} when this WAR is deployed next to a
 * standalone {@code qdrant-rar.rar} (Payara Micro, Payara Server). The settings prefixed
 * {@code org.glassfish.connector-connection-pool.} configure Payara's pool; {@code ${qdrant.host}}
 * and {@code ${qdrant.port}} are system properties of the server JVM, expanded by Payara.
 *
 * <p>Payara only: WildFly hands every property of a {@code @ConnectionFactoryDefinition} to the
 * managed connection factory and fails the deployment on the unknown pool settings
 * ("IJ020060: Unable to inject"). The portable build of the WAR (classifier {@code portable}, for
 * WildFly and for the sample EAR) therefore leaves this class out; there the server supplies the
 * pool (WildFly: {@code ironjacamar.xml}; the EAR on Payara: its {@code glassfish-resources.xml}).
 */
@ConnectionFactoryDefinition(
        name = QdrantNames.PAYARA_FACTORY,
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
