package io.github.qdrantjca.it.app.payara;

import io.github.qdrantjca.it.app.ProbePools;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ConnectionFactoryDefinitions;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The test pools on Payara, defined by annotation with Payara pool settings ({@value #BOUNDED},
 * {@value #LEAKY}: handles held over 2 s are reclaimed). Only the Payara test WAR contains this
 * class: WildFly rejects the {@code org.glassfish.*} properties.
 */
@ConnectionFactoryDefinitions({
    @ConnectionFactoryDefinition(
            name = PayaraProbePools.BOUNDED,
            interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
            resourceAdapter = "qdrant-rar",
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = ProbePools.BOUNDED_MAX,
            properties = {
                "host=${qdrant.host}",
                "port=${qdrant.port}",
                "org.glassfish.connector-connection-pool.max-wait-time-in-millis=30000"
            }),
    @ConnectionFactoryDefinition(
            name = PayaraProbePools.LEAKY,
            interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
            resourceAdapter = "qdrant-rar",
            transactionSupport = TransactionSupportLevel.NoTransaction,
            minPoolSize = 0,
            maxPoolSize = ProbePools.LEAKY_MAX,
            properties = {
                "host=${qdrant.host}",
                "port=${qdrant.port}",
                "org.glassfish.connector-connection-pool.max-wait-time-in-millis=30000",
                "org.glassfish.connector-connection-pool.connection-leak-timeout-in-seconds=2",
                "org.glassfish.connector-connection-pool.connection-leak-reclaim=true"
            })
})
public final class PayaraProbePools {

    /** The bounded pool on Payara. */
    public static final String BOUNDED = "java:app/qdrant/Bounded";
    /** The leaky pool on Payara. */
    public static final String LEAKY = "java:app/qdrant/Leaky";

    private PayaraProbePools() {}
}
