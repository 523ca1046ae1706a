package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The resource adapter holds the factories whose pools live, and lets go of the others. */
class ResourceAdapterFactoriesTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void twentyFactoryLifecyclesLeaveTheAdapterHoldingOnlyLiveOnes() throws Exception {
        QdrantResourceAdapter adapter = new QdrantResourceAdapter();
        adapter.start(null);
        try {
            QdrantManagedConnectionFactory live = Fixtures.mcf(QDRANT);
            live.setResourceAdapter(adapter);
            PoolingConnectionManager livePool = new PoolingConnectionManager(2, Duration.ofSeconds(5), false);
            QdrantConnectionFactory liveFactory = Fixtures.factory(live, livePool);
            try (QdrantConnection c = liveFactory.getConnection()) {
                assertThat(c.client().healthCheckAsync().get().getTitle()).isNotEmpty();
            }

            for (int i = 0; i < 20; i++) {
                lifecycle(adapter); // an application deployed, used and undeployed with its own pool
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                return adapter.factories().size() == 1;
            });
            assertThat(adapter.factories()).singleElement().isSameAs(live);
            // The live pool still works, and stop() still reaches its connection.
            try (QdrantConnection c = liveFactory.getConnection()) {
                assertThat(c.client().healthCheckAsync().get().getTitle()).isNotEmpty();
            }
            adapter.stop();
            assertThat(live.statistics().physicalOpen()).isZero();
            livePool.close();
        } finally {
            adapter.stop();
        }
    }

    /** One pool's life: a factory registered, a connection used, the pool shut down and dropped. */
    private static void lifecycle(QdrantResourceAdapter adapter) throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setResourceAdapter(adapter);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(2, Duration.ofSeconds(5), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            try (QdrantConnection c = factory.getConnection()) {
                assertThat(c.client().healthCheckAsync().get().getTitle()).isNotEmpty();
            }
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }
}
