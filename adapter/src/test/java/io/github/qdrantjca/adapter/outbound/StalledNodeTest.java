package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against a node that accepts connections but never answers (stalled), createManagedConnection
 * returns within connectTimeoutMillis + 500 ms per node tried, whether channels are shared or not.
 */
class StalledNodeTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final long CONNECT_MILLIS = 1_000;
    private static final long SLACK_PER_NODE = 500;

    @BeforeEach
    void stall() {
        Assumptions.assumeTrue(QDRANT.isEmulated(), "needs the emulator's stall fault");
        QDRANT.emulator().stall(true);
    }

    @AfterEach
    void thaw() {
        QDRANT.emulator().stall(false);
    }

    /** Milliseconds one createManagedConnection took to fail; it must fail. */
    private static long failedOpenMillis(QdrantManagedConnectionFactory mcf) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> mcf.createManagedConnection(null, null)).isInstanceOf(ResourceException.class);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @ParameterizedTest(name = "sharedChannels={0}")
    @ValueSource(ints = {0, 2})
    void oneStalledNodeAnswersWithinTheConnectTimeout(int sharedChannels) throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setConnectTimeoutMillis(CONNECT_MILLIS);
        mcf.setSharedChannels(sharedChannels);
        failedOpenMillis(mcf); // warms the classes up; its time is checked below like the others

        // Four at once: with sharing, two open and two wait for those opens; none waits longer.
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opens.add(threads.submit(() -> failedOpenMillis(mcf)));
            }
            for (Future<Long> open : opens) {
                long millis = open.get();
                System.out.printf("stalled node, sharedChannels=%d: createManagedConnection failed after %d ms%n",
                        sharedChannels, millis);
                assertThat(millis).isBetween(CONNECT_MILLIS - 50, CONNECT_MILLIS + SLACK_PER_NODE);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }

    @ParameterizedTest(name = "sharedChannels={0}")
    @ValueSource(ints = {0, 2})
    void twoStalledNodesAnswerWithinTwiceTheConnectTimeout(int sharedChannels) throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setHosts(QDRANT.host() + ":" + QDRANT.port() + ",localhost:" + QDRANT.port());
        mcf.setConnectTimeoutMillis(CONNECT_MILLIS);
        mcf.setSharedChannels(sharedChannels);

        long millis = failedOpenMillis(mcf);

        System.out.printf("two stalled nodes, sharedChannels=%d: createManagedConnection failed after %d ms%n",
                sharedChannels, millis);
        assertThat(millis).isBetween(2 * CONNECT_MILLIS - 100, 2 * (CONNECT_MILLIS + SLACK_PER_NODE));
        assertThat(mcf.statistics().physicalOpen()).isZero();
    }
}
