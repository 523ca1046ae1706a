package io.github.qdrantjca.faults.app.payara;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.faults.app.FaultReadiness;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Readiness;

/** The load pool's readiness on Payara. */
@Readiness
@ApplicationScoped
public class PayaraFaultReadiness extends FaultReadiness {

    @Resource(lookup = PayaraFaultPools.PREFIX + "FaultLoad")
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
