package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Readiness of the load pool: UP when Qdrant answers its health RPC through a pooled connection
 * within {@link #DEADLINE}, DOWN with the error otherwise. Each server's subclass injects the pool
 * under that server's JNDI name (health checks run without the application's naming context, so
 * the factory must be injected, not looked up).
 */
public abstract class FaultReadiness implements HealthCheck {

    /** Name of the check in the health report. */
    public static final String NAME = "qdrant-faults";

    static final Duration DEADLINE = Duration.ofSeconds(1);

    /** The injected load pool. */
    protected abstract QdrantConnectionFactory factory();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        try (QdrantConnection handle = factory().getConnection()) {
            String version = handle.client().healthCheckAsync(DEADLINE)
                    .get(DEADLINE.toMillis() + 500, TimeUnit.MILLISECONDS).getVersion();
            response.up().withData("version", version);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.down().withData("error", "interrupted");
        } catch (Exception e) {
            response.down().withData("error", Errors.describe(e));
        }
        return response.build();
    }
}
