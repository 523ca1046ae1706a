package io.github.qdrantjca.sample.qdrant;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.health.QdrantReadinessCheck;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * UP when Qdrant answers its health RPC through a pooled connection within {@link #DEADLINE}, with
 * Qdrant's version, the round-trip latency and the adapter's pool counters; DOWN with the reason
 * while Qdrant is unreachable, UP again as soon as it answers. The server calls it through
 * {@link QdrantReadinessCheck}, which {@link QdrantFactoryProducer} gives it when the web module starts.
 */
final class QdrantHealthProbe implements HealthCheck {

    /** Longest wait for Qdrant's health answer. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    private final QdrantConnectionFactory factory;

    QdrantHealthProbe(QdrantConnectionFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(QdrantReadinessCheck.NAME)
                .withData("factory", QdrantNames.FACTORY);
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
        addStatistics(response);
        return response.build();
    }

    private void addStatistics(HealthCheckResponseBuilder response) {
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
