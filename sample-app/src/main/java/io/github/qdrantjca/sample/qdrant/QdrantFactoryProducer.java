package io.github.qdrantjca.sample.qdrant;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the container's connection factory injectable with {@code @Inject}: looked up once, by
 * {@code @Resource(lookup = ...)}, here.
 *
 * <p>EJBs of the sample take the factory from here rather than with their own {@code @Resource}:
 * Payara Server rejects an EJB inside a WAR inside an EAR whose {@code @Resource} it registers twice
 * ("Naming binding already exists for ...SearchService/qdrant").
 */
@ApplicationScoped
public class QdrantFactoryProducer {

    @Resource(lookup = QdrantNames.FACTORY)
    QdrantConnectionFactory factory;

    /** The application's connection factory. */
    @Produces
    QdrantConnectionFactory factory() {
        return factory;
    }
}
