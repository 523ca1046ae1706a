package io.github.qdrantjca.faults.app.invalid;

import io.github.qdrantjca.faults.app.FaultNames;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/** A Payara pool with an invalid port ({@value FaultNames#INVALID_PORT}), deployed in a WAR of its own. */
@ConnectionFactoryDefinition(
        name = "java:app/qdrant/" + FaultNames.INVALID,
        interfaceName = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory",
        resourceAdapter = "qdrant-rar",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 0,
        maxPoolSize = 1,
        properties = {"host=${fault.qdrant.host}", "port=" + FaultNames.INVALID_PORT})
public final class PayaraInvalidPool {

    private PayaraInvalidPool() {}
}
