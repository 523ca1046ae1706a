package io.github.qdrantjca.sample.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the application can serve requests: it does not depend on Qdrant, so an outage of
 * Qdrant makes the application not ready (see {@link QdrantReadinessCheck}), never restarted.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {

    /** Name of this check in the health report. */
    public static final String NAME = "sample-app";

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long usedMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime())
                .withData("heapUsedMiB", usedMiB)
                .build();
    }
}
