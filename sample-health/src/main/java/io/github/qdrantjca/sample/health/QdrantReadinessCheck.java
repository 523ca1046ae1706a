package io.github.qdrantjca.sample.health;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.qdrant.QdrantNames;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Qdrant answers its health RPC through a pooled connection within {@link #DEADLINE}.
 * Reports Qdrant's version, the round-trip latency and the adapter's pool counters; DOWN with the
 * reason while Qdrant is unreachable, UP again as soon as it answers.
 *
 * <p>The web module hands the check its factory when it starts ({@link #watch}; the sample's
 * {@code QdrantFactoryProducer} does): health checks run on server threads without the application's
 * naming context, and in an EAR this class lives in {@code lib/}, which sees neither the WAR's names
 * nor its beans (see the module's pom). Until then the check is DOWN.
 */
@Readiness
@ApplicationScoped
public class QdrantReadinessCheck implements HealthCheck {

    /** Longest wait for Qdrant's health answer. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    /** Name of this check in the health report. */
    public static final String NAME = "qdrant";

    private volatile QdrantConnectionFactory factory;

    /** From now on, checks Qdrant through {@code factory}, the application's {@value QdrantNames#FACTORY}. */
    public void watch(QdrantConnectionFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("factory", QdrantNames.FACTORY);
        QdrantConnectionFactory factory = this.factory;
        if (factory == null) {
            return response.down().withData("error", "the application has not started yet").build();
        }
        long start = System.nanoTime();
        try (QdrantConnection connection = factory.getConnection()) {
            HealthCheckReply reply = connection.client().healthCheckAsync(DEADLINE)
                    .get(DEADLINE.toMillis() + 500, TimeUnit.MILLISECONDS);
            response.up()
                    .withData("version", reply.getVersion())
                    .withData("latencyMillis", elapsedMillis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.down().withData("error", "interrupted");
        } catch (ExecutionException e) {
            response.down().withData("error", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            response.down().withData("error", "no answer within " + DEADLINE.toMillis() + " ms");
        } catch (Exception e) {
            response.down().withData("error", String.valueOf(e));
        }
        addStatistics(factory, response);
        return response.build();
    }

    private static void addStatistics(QdrantConnectionFactory factory, HealthCheckResponseBuilder response) {
        try {
            QdrantAdapterStatistics s = factory.statistics();
            response.withData("physicalOpen", s.physicalOpen())
                    .withData("physicalCreated", s.physicalCreated())
                    .withData("physicalDestroyed", s.physicalDestroyed())
                    .withData("handlesOpen", s.handlesOpen())
                    .withData("connectionErrors", s.connectionErrors())
                    .withData("validationsFailed", s.validationsFailed());
        } catch (RuntimeException e) {
            response.withData("statisticsError", String.valueOf(e));
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
