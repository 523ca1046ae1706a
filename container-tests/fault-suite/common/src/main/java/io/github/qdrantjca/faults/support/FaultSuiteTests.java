package io.github.qdrantjca.faults.support;

import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.it.support.Http;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault scenarios, in order, against one running server; each records its figures in
 * {@link #report()}. The scenarios live in their groups ({@link OutageScenarios},
 * {@link PoolScenarios}, {@link KeepaliveScenarios}, {@link FailoverScenarios}, {@link SecurityScenarios},
 * {@link RedeployScenarios}); the outage
 * scenarios run under a steady load of {@value OutageScenarios#WORKERS} workers inside the server
 * (borrow + search + close through the load pool: at most {@value FaultNames#LOAD_POOL_MAX}
 * connections, 1 s wait, 1 s call deadline). A server module extends it, starts the server with
 * {@code qdrant-rar.rar} (and, where needed, a control application) and implements
 * {@link FaultServer}: how to deploy, redeploy and find the logs. The fault-suite WAR itself is
 * deployed by scenario 1, while Qdrant is down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class FaultSuiteTests implements FaultServer {

    /** Every scenario needs the emulators' fault controls: skip, visibly, against a real Qdrant. */
    @BeforeEach
    void needsTheEmulators() {
        Assumptions.assumeTrue(FaultQdrants.emulated(), FaultQdrants.skipReason());
    }

    @Test
    @Order(1)
    void qdrantUnreachableAtDeploymentThenAppearsWithoutRedeploy() throws Exception {
        new OutageScenarios(this).unreachableAtDeploymentThenAppears();
    }

    @Test
    @Order(2)
    void qdrantStoppedDuringLoadThenRestarted() throws Exception {
        new OutageScenarios(this).stoppedDuringLoadThenRestarted();
    }

    @Test
    @Order(3)
    void qdrantStoppedDuringLoadOnOneSharedChannelThenRestarted() throws Exception {
        new OutageScenarios(this).stoppedDuringLoadOnOneSharedChannelThenRestarted();
    }

    @Test
    @Order(4)
    void qdrantStallsUnderLoadAndNothingBlocksBeyondItsDeadline() throws Exception {
        new OutageScenarios(this).stallsUnderLoadAndNothingBlocksBeyondItsDeadline();
    }

    @Test
    @Order(5)
    void exhaustedPoolFailsCallersClearlyAndRecovers() {
        new PoolScenarios(this).exhaustedPoolFailsCallersClearlyAndRecovers();
    }

    @Test
    @Order(6)
    void rejectedRequestsKeepEveryConnection() {
        new PoolScenarios(this).rejectedRequestsKeepEveryConnection();
    }

    @Test
    @Order(7)
    void frozenPathUnderLoadIsCondemnedByKeepaliveAndHeals() throws Exception {
        new KeepaliveScenarios(this).frozenPathUnderLoadIsCondemnedByKeepaliveAndHeals();
    }

    @Test
    @Order(8)
    void nodeDownThenBackAndRenewalByAgeSpreadsConnectionsAgain() throws Exception {
        new FailoverScenarios(this).nodeDownThenBackAndRenewalByAgeSpreadsConnectionsAgain();
    }

    @Test
    @Order(9)
    void twoFactoriesWithDifferentApiKeysNeverShareAConnection() {
        new SecurityScenarios(this).twoFactoriesWithDifferentApiKeysNeverShareAConnection();
    }

    @Test
    @Order(10)
    void tlsWithTrustedCertificateWorksAndMismatchesSaySo() {
        new SecurityScenarios(this).tlsWithTrustedCertificateWorksAndMismatchesSaySo();
    }

    @Test
    @Order(11)
    void invalidConfigurationFailsWithAMessageNamingTheProperty() throws Exception {
        new SecurityScenarios(this).invalidConfigurationFailsWithAMessageNamingTheProperty();
    }

    @Test
    @Order(12)
    void redeploysLeaveNoThreadsOrConnectionsBehind() throws Exception {
        new RedeployScenarios(this).redeploysLeaveNoThreadsOrConnectionsBehind();
    }

    @Test
    @Order(13)
    void apiKeyNeverAppearsInLogsExceptionsOrToString() throws IOException {
        new SecurityScenarios(this).apiKeyNeverAppearsInLogsExceptionsOrToString();
    }

    // ---- for the server modules --------------------------------------------------------------------

    /** Writes {@code report} (call from the subclass's {@code @AfterAll}). */
    protected static void writeReportOf(FaultReport report) {
        if (report != null && FaultQdrants.emulated()) {
            System.out.println("Fault-suite figures written to " + report.write().toAbsolutePath());
        }
    }

    /** {@code path} under the fault-suite WAR's REST API. */
    protected java.net.URI api(String path) {
        return application().resolve("api/" + path);
    }

    /** The JSON object of a 200 reply; fails with the reply otherwise. */
    protected static JsonObject object(Http.Reply reply) {
        return Probes.object(reply);
    }

    /** The text at {@code key} of a JSON object (null when absent). */
    protected static String text(JsonObject object, String key) {
        return Probes.text(object, key);
    }

    /** Whether a probe's call worked. */
    protected static boolean ok(JsonObject object) {
        return Probes.ok(object);
    }

    /** Reads a file that must exist. */
    protected static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
