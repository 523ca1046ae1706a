package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Qdrant nodes behind {@code hosts}: connections are spread over both and fail over. */
class ClusterFailoverTest {

    private QdrantEmulator first;
    private QdrantEmulator second;
    private QdrantManagedConnectionFactory mcf;

    @BeforeEach
    void startTwoNodes() throws Exception {
        first = QdrantEmulator.builder().build().start();
        second = QdrantEmulator.builder().build().start();
        mcf = new QdrantManagedConnectionFactory();
        mcf.setHosts(first.host() + ":" + first.port() + "," + second.host() + ":" + second.port());
        mcf.setConnectTimeoutMillis(1_000L);
        mcf.setCallTimeoutMillis(2_000L);
        mcf.setValidationTimeoutMillis(500L);
    }

    @AfterEach
    void stopNodes() {
        first.close();
        second.close();
    }

    private static List<QdrantConnection> borrow(QdrantConnectionFactory factory, int n) throws Exception {
        List<QdrantConnection> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(factory.getConnection());
        }
        return handles;
    }

    @Test
    void connectionsAreSpreadOverTheNodes() throws Exception {
        try (PoolingConnectionManager pool = new PoolingConnectionManager(4, Duration.ofSeconds(5), false)) {
            List<QdrantConnection> handles = borrow(Fixtures.factory(mcf, pool), 4);

            await().atMost(Duration.ofSeconds(5)).until(() -> first.openConnections() + second.openConnections() == 4);
            assertThat(first.openConnections()).isEqualTo(2);
            assertThat(second.openConnections()).isEqualTo(2);
            handles.forEach(QdrantConnection::close);
        }
    }

    /** Borrows {@code n} handles at once (so every pooled connection is used) and lists collections on each. */
    private static int callOnAllAtOnce(QdrantConnectionFactory factory, int n) throws Exception {
        int failed = 0;
        List<QdrantConnection> handles = borrow(factory, n);
        try {
            for (QdrantConnection c : handles) {
                try {
                    c.client().listCollectionsAsync().get();
                } catch (ExecutionException e) {
                    assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    failed++;
                }
            }
        } finally {
            handles.forEach(QdrantConnection::close);
        }
        return failed;
    }

    @Test
    void withOneNodeStoppedCallsGoOnThroughTheOther() throws Exception {
        try (PoolingConnectionManager pool = new PoolingConnectionManager(4, Duration.ofSeconds(5), true)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            borrow(factory, 4).forEach(QdrantConnection::close);
            await().atMost(Duration.ofSeconds(5)).until(() -> first.openConnections() == 2 && second.openConnections() == 2);

            first.stop();
            // The two idle connections to the stopped node are reported broken as their channels lose the
            // connection, or (a borrow that comes first) fail validation on borrow; either way they are
            // destroyed and their replacements are opened on the live node.
            assertThat(callOnAllAtOnce(factory, 4)).isZero();
            int calls = 0;
            for (int i = 0; i < 200; i++) {
                try (QdrantConnection c = factory.getConnection()) {
                    assertThat(c.client().listCollectionsAsync().get()).isEmpty();
                    calls++;
                }
            }

            assertThat(calls).isEqualTo(200);
            assertThat(pool.validationsFailed() + pool.errorEvents()).isEqualTo(2);
            assertThat(mcf.statistics().validationsFailed()).isEqualTo(pool.validationsFailed());
            assertThat(pool.size()).isEqualTo(4);
            assertThat(mcf.statistics().physicalOpen()).isEqualTo(4);
            assertThat(first.openConnections()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.openConnections() == 4);
        }
    }

    @Test
    void withoutValidationABrokenConnectionIsReportedAndTheRetryGoesToTheLiveNode() throws Exception {
        try (PoolingConnectionManager pool = new PoolingConnectionManager(2, Duration.ofSeconds(5), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            borrow(factory, 2).forEach(QdrantConnection::close);
            await().atMost(Duration.ofSeconds(5)).until(() -> first.openConnections() == 1 && second.openConnections() == 1);
            first.stop();

            // The one connection to the stopped node is reported broken once, and discarded: while idle, as its
            // channel loses the connection, or (a borrow that comes first) when its call fails UNAVAILABLE.
            assertThat(callOnAllAtOnce(factory, 2)).isLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.errorEvents() == 1);
            assertThat(mcf.statistics().connectionErrors()).isEqualTo(1);
            // From then on every call succeeds through the live node.
            assertThat(callOnAllAtOnce(factory, 2)).isZero();
            for (int i = 0; i < 100; i++) {
                try (QdrantConnection c = factory.getConnection()) {
                    assertThat(c.client().listCollectionsAsync().get()).isEmpty();
                }
            }
            assertThat(pool.errorEvents()).isEqualTo(1);
            assertThat(pool.size()).isEqualTo(2);
            assertThat(first.openConnections()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> second.openConnections() == 2);
        }
    }
}
