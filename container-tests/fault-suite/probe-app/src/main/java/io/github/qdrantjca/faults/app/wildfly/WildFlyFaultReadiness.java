package io.github.qdrantjca.faults.app.wildfly;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.faults.app.FaultReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Readiness;

/** The load pool's readiness on WildFly, whose pools the server configuration binds under {@code java:/qdrant/}. */
@Readiness
@ApplicationScoped
public class WildFlyFaultReadiness extends FaultReadiness {

    /** JNDI prefix of the pools on WildFly. */
    public static final String PREFIX = "java:/qdrant/";

    @Resource(lookup = PREFIX + "FaultLoad")
    QdrantConnectionFactory factory;

    /** Creates (hence injects) this bean on the deployment thread, where the application's names resolve. */
    void createdAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing to do: CDI created the bean to deliver the event
    }

    @Override
    protected QdrantConnectionFactory factory() {
        return factory;
    }
}
