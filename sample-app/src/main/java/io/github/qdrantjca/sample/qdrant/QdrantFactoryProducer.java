package io.github.qdrantjca.sample.qdrant;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.health.QdrantReadinessCheck;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.Readiness;

/**
 * Makes the container's connection factory injectable with {@code @Inject}: looked up once, by
 * {@code @Resource(lookup = ...)}, here.
 *
 * <p>EJBs of the sample take the factory from here rather than with their own {@code @Resource}:
 * Payara Server rejects an EJB inside a WAR inside an EAR whose {@code @Resource} it registers twice
 * ("Naming binding already exists for ...SearchService/qdrant").
 *
 * <p>It also gives the readiness check its probe of Qdrant when the web module starts: in the EAR the
 * check lives in {@code lib/}, where it sees neither this module nor the adapter.
 */
@ApplicationScoped
public class QdrantFactoryProducer {

    @Resource(lookup = QdrantNames.FACTORY)
    QdrantConnectionFactory factory;

    /** Starts the readiness check when this web module starts (the event comes once per module). */
    void webModuleStarted(@Observes @Initialized(ApplicationScoped.class) Object event,
            @Readiness QdrantReadinessCheck readiness) {
        readiness.watch(new QdrantHealthProbe(factory));
    }

    /** The application's connection factory. */
    @Produces
    QdrantConnectionFactory factory() {
        return factory;
    }
}
