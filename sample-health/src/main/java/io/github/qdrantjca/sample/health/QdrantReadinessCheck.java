package io.github.qdrantjca.sample.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The sample's readiness, where the server looks for it: ready while Qdrant answers through the
 * application's pool. What it reports is the web module's probe, handed over when the module starts
 * ({@link #watch}); until then it is DOWN.
 *
 * <p>This class knows neither the adapter nor the web module: an EAR carries it in {@code lib/} (the only
 * place WildFly registers an EAR's health checks from), and {@code lib/} sees neither a WAR's classes
 * nor, on Payara Server, those of the EAR's embedded {@code .rar}. Health checks also run on server
 * threads without the application's naming context, so the probe comes with its factory.
 */
@Readiness
@ApplicationScoped
public class QdrantReadinessCheck implements HealthCheck {

    /** Name of this check in the health report. */
    public static final String NAME = "qdrant";

    private volatile HealthCheck probe;

    /** From now on, reports what {@code probe} answers. */
    public void watch(HealthCheck probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheck current = probe;
        if (current == null) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", "the application has not started yet")
                    .build();
        }
        return current.call();
    }
}
