package io.github.qdrantjca.bench.harness;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What teams that skip the adapter write: one {@link QdrantClient} for the whole application, made by
 * a CDI producer, closed when the application stops. Plaintext, no start-up check, the same call
 * deadline as the adapter's handles.
 */
@ApplicationScoped
public class SharedClientProducer {

    /** The application's one client. */
    @Produces
    @Singleton
    QdrantClient qdrantClient() {
        return new QdrantClient(QdrantGrpcClient.newBuilder(Endpoint.host(), Endpoint.port(), false, false)
                .withTimeout(ClientUnderTest.DEADLINE)
                .build());
    }

    void close(@Disposes QdrantClient client) {
        client.close();
    }
}
