package io.github.qdrantjca.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.outbound.InProcessManagedConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.bench.harness.Workload;
import io.github.qdrantjca.emulator.internal.CollectionsService;
import io.github.qdrantjca.emulator.internal.HealthServices;
import io.github.qdrantjca.emulator.internal.PointsService;
import io.github.qdrantjca.emulator.internal.Storage;
import io.grpc.Server;
import io.grpc.inprocess.InProcessServerBuilder;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process seam the call benchmark relies on still fits the adapter: handles of
 * {@link InProcessManagedConnectionFactory} reach the emulator's services on gRPC's in-process
 * transport and behave as handles (closed ones refuse calls).
 */
class InProcessSeamTest {

    private Server server;
    private PoolingConnectionManager pool;
    private QdrantConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        String name = "seam-test-" + System.nanoTime();
        Storage storage = new Storage();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(HealthServices.qdrant())
                .addService(new CollectionsService(storage))
                .addService(new PointsService(storage))
                .build().start();
        pool = new PoolingConnectionManager(2, Duration.ofSeconds(5), false);
        factory = (QdrantConnectionFactory) new InProcessManagedConnectionFactory(name).createConnectionFactory(pool);
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aHandleReachesTheInProcessServer() throws Exception {
        try (QdrantConnection c = factory.getConnection()) {
            HealthCheckReply reply = c.client().healthCheckAsync().get();
            assertThat(reply.getTitle()).isEqualTo(HealthServices.TITLE);
            assertThat(reply.getVersion()).isEqualTo(HealthServices.VERSION);

            c.client().createCollectionAsync("seam", VectorParams.newBuilder().setSize(Workload.DIMENSION)
                    .setDistance(Distance.Cosine).build()).get();
            c.client().upsertAsync("seam", Workload.points(1, 50, 3)).get();
            List<ScoredPoint> hits = c.client().searchAsync(SearchPoints.newBuilder().setCollectionName("seam")
                    .addAllVector(Workload.vector(new SplittableRandom(5))).setLimit(Workload.TOP).build()).get();
            assertThat(hits).hasSize(Workload.TOP);
        }
        assertThat(pool.created()).isEqualTo(1);
        assertThat(pool.closedEvents()).isEqualTo(1);
    }

    @Test
    void aClosedHandleRefusesCalls() throws Exception {
        QdrantConnection c = factory.getConnection();
        c.close();
        assertThatThrownBy(c::client).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Qdrant connection handle is closed");
    }
}
