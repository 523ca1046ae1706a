package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** connectionTracing: where a leaked handle was obtained is logged, and only then. */
class LeakTracingTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private final Logger logger = Logger.getLogger(HandleState.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private QdrantManagedConnection mc;

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false); // the expected warnings would only clutter the build output
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
        if (mc != null) {
            mc.destroy();
        }
    }

    private QdrantManagedConnection open(boolean tracing) throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setConnectionTracing(tracing);
        mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        return mc;
    }

    private static boolean obtainedIn(LogRecord record, String method) {
        return Arrays.stream(record.getThrown().getStackTrace()).anyMatch(e -> e.getMethodName().equals(method));
    }

    @Test
    void aHandleTheContainerReclaimsIsReportedWithWhereItWasObtained() throws Exception {
        QdrantConnection leaked = (QdrantConnection) open(true).getConnection(null, null);

        mc.cleanup();

        assertThat(leaked.isClosed()).isTrue();
        assertThat(warnings).hasSize(1);
        LogRecord warning = warnings.get(0);
        assertThat(warning.getMessage()).contains("Qdrant connection handle leaked: the container released it");
        assertThat(obtainedIn(warning, "aHandleTheContainerReclaimsIsReportedWithWhereItWasObtained")).isTrue();
    }

    @Test
    void aHandleClosedByTheApplicationIsNotReported() throws Exception {
        QdrantConnection handle = (QdrantConnection) open(true).getConnection(null, null);

        handle.close();
        mc.cleanup();

        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutTracingNothingIsRecordedOrLogged() throws Exception {
        QdrantConnection leaked = (QdrantConnection) open(false).getConnection(null, null);

        mc.cleanup();

        assertThat(leaked.isClosed()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aHandleCollectedUnclosedIsReportedWithWhereItWasObtained() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setConnectionTracing(true);
        mc = (QdrantManagedConnection) mcf.createManagedConnection(null, null);
        obtainAndDrop(mc);
        assertThat(mcf.statistics().handlesOpen()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return !warnings.isEmpty();
        });

        LogRecord warning = warnings.get(0);
        assertThat(warning.getMessage()).contains("it was garbage-collected without being closed");
        assertThat(obtainedIn(warning, "obtainAndDrop")).isTrue();
        assertThat(mc.openHandles()).isZero();
        assertThat(mcf.statistics().handlesOpen()).isZero();
    }

    private static void obtainAndDrop(QdrantManagedConnection mc) throws Exception {
        mc.getConnection(null, null);
    }
}
