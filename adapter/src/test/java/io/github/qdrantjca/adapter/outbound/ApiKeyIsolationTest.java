package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Context;
import io.grpc.Status;
import io.qdrant.client.RequestHeaders;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connections opened with one API key are never handed to a request with another. */
class ApiKeyIsolationTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension().withApiKey("key-a-right");

    /** The server's key (against a real Qdrant: -Dqdrant.apiKey). */
    private static String KEY_A;
    private static final String KEY_B = "key-b-wrong";

    @BeforeAll
    static void keys() {
        KEY_A = QDRANT.apiKey();
        Assumptions.assumeTrue(KEY_A != null, "API-key isolation needs a server that requires a key (-Dqdrant.apiKey)");
    }

    @Test
    void matchingOnlyReturnsAConnectionOpenedWithTheSameKey() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        QdrantConnectionRequestInfo a = QdrantConnectionRequestInfo.of(QdrantConnectionSpec.withApiKey(KEY_A));
        QdrantConnectionRequestInfo b = QdrantConnectionRequestInfo.of(QdrantConnectionSpec.withApiKey(KEY_B));
        QdrantManagedConnection withA = (QdrantManagedConnection) mcf.createManagedConnection(null, a);
        QdrantManagedConnection pooled = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        try {
            Set<QdrantManagedConnection> both = new HashSet<>(Set.of(withA, pooled));

            // The pool's key is KEY_A too: both connections carry the same credential and serve either request.
            assertThat(mcf.matchManagedConnections(Set.of(withA), null, null)).isSameAs(withA);
            assertThat(mcf.matchManagedConnections(Set.of(pooled), null, a)).isSameAs(pooled);
            assertThat(mcf.matchManagedConnections(both, null, QdrantConnectionRequestInfo.DEFAULT)).isIn(withA, pooled);
            assertThat(mcf.matchManagedConnections(both, null, b)).isNull();
            // A container that skips matching cannot get a handle for key B on the key A connection either.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> withA.getConnection(null, b))
                    .isInstanceOf(jakarta.resource.spi.SecurityException.class)
                    .hasMessageContaining("opened with other credentials")
                    .hasMessageNotContaining(KEY_A)
                    .hasMessageNotContaining(KEY_B);
        } finally {
            withA.destroy();
            pooled.destroy();
        }
    }

    @Test
    void interleavedRequestsWithTwoKeysNeverShareAConnection() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setApiKey(""); // the pool itself has no key: only the specs carry one
        AtomicInteger okWithA = new AtomicInteger();
        AtomicInteger refusedWithB = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        try (PoolingConnectionManager pool = new PoolingConnectionManager(4, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            QdrantConnectionSpec specA = QdrantConnectionSpec.withApiKey(KEY_A);
            QdrantConnectionSpec specB = QdrantConnectionSpec.withApiKey(KEY_B);

            PoolBehaviourTest.runConcurrently(4, () -> {
                for (int i = 0; i < 100; i++) {
                    boolean useA = (i + Thread.currentThread().getId()) % 2 == 0;
                    try (QdrantConnection c = factory.getConnection(useA ? specA : specB)) {
                        c.client().listCollectionsAsync().get();
                        (useA ? okWithA : unexpected).incrementAndGet();
                    } catch (ExecutionException e) {
                        boolean refused = Status.fromThrowable(e.getCause()).getCode() == Status.Code.UNAUTHENTICATED;
                        (refused && !useA ? refusedWithB : unexpected).incrementAndGet();
                    }
                }
                return null;
            });

            assertThat(unexpected.get()).isZero();
            assertThat(okWithA.get() + refusedWithB.get()).isEqualTo(400);
            assertThat(okWithA.get()).isEqualTo(200);
            // A connection whose own key is refused is reported broken and discarded, every time.
            assertThat(pool.errorEvents()).isEqualTo(refusedWithB.get());
            assertThat(mcf.statistics().connectionErrors()).isEqualTo(200);
            assertThat(pool.maxSizeReached()).isLessThanOrEqualTo(4);
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
        if (QDRANT.isEmulated()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> QDRANT.emulator().openConnections() == 0);
        }
    }

    @Test
    void aConnectionOpenedWithTheRightKeyIsReusedForThatKey() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(4, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            for (int i = 0; i < 50; i++) {
                try (QdrantConnection c = factory.getConnection(QdrantConnectionSpec.withApiKey(KEY_A))) {
                    assertThat(c.client().listCollectionsAsync().get()).isNotNull();
                }
                try (QdrantConnection c = factory.getConnection()) { // the pool's key, also KEY_A: the same credential
                    assertThat(c.client().listCollectionsAsync().get()).isNotNull();
                }
            }

            assertThat(pool.created()).isEqualTo(1);
            assertThat(pool.errorEvents()).isZero();
        }
    }

    @Test
    void aWrongKeyTheApplicationPutsOnOneCallFailsThatCallOnly() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        try (PoolingConnectionManager pool = new PoolingConnectionManager(1, Duration.ofSeconds(10), false)) {
            QdrantConnectionFactory factory = Fixtures.factory(mcf, pool);
            try (QdrantConnection c = factory.getConnection()) {
                Context withWrongKey = RequestHeaders.withHeader(Context.current(), "api-key", KEY_B);
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> withWrongKey.call(() -> c.client().listCollectionsAsync()).get());

                assertThat(Status.fromThrowable(e.getCause()).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                // The same handle, with the connection's own key, goes on working.
                assertThat(c.client().listCollectionsAsync().get()).isNotNull();
            }

            assertThat(pool.errorEvents()).isZero();
            assertThat(mcf.statistics().connectionErrors()).isZero();
            assertThat(pool.created()).isEqualTo(1);
        }
    }
}
