package io.github.qdrantjca.it.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.it.app.payara.PayaraProbePools;
import io.github.qdrantjca.it.support.AdapterInServerTests;
import io.github.qdrantjca.it.support.FreePorts;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.ServerJdk;
import io.github.qdrantjca.it.support.TestArchives;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Micro, started quiet (no Hazelcast), with {@code qdrant-rar.rar} deployed first and the
 * Payara test WAR (the sample application, the probe endpoints and annotation-defined test pools)
 * second: one server for all tests of the class, stopped after them also when they fail. A module
 * runs it on the Payara Micro jar named by {@code payara.micro.jar} and the JDK named by
 * {@code server.jdk} ({@link ServerJdk}) with an empty subclass.
 */
@ExtendWith(QdrantForServers.class)
public abstract class PayaraMicroTests extends AdapterInServerTests {

    /**
     * Server log lines that are ours to fix: a deprecation that names one of our descriptors or
     * artifacts, or a restricted-method warning of the JDK (grpc-netty-shaded's native-library probe).
     */
    /**
     * How long a Payara Micro start may take in a test: 13 s on a quiet machine, but 60-113 s for Payara 7 and
     * more than 4 minutes for Payara 6 were seen with other builds loading the 2 cores (load average 16-28).
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern OURS = Pattern.compile("(?i)(deprecat.*(glassfish-|payara-|qdrant)|restricted method)");

    private static PayaraMicroProcess micro;
    private static File war;

    @BeforeAll
    static void startPayaraMicro() throws IOException {
        Path root = Path.of(System.getProperty("micro.rootdir")).resolve("it");
        Files.createDirectories(root.getParent());
        war = root.resolveSibling(TestArchives.TEST_WAR).toFile();
        TestArchives.payaraTestWar().as(ZipExporter.class).exportTo(war, true);
        long start = System.nanoTime();
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(TestArchives.artifact("payara.micro.jar").toPath())
                .javaHome(ServerJdk.home());
        ServerJdk.JVM_OPTIONS.forEach(builder::jvmOption);
        micro = builder.quiet()
                .startTimeout(START_TIMEOUT)
                .rootDir(root)
                .httpPort(FreePorts.freePort())
                .systemProperty("qdrant.host", QdrantForServers.host())
                .systemProperty("qdrant.port", Integer.toString(QdrantForServers.port()))
                .deploy(TestArchives.artifact("qdrant.rar").toPath())
                .deploy(war.toPath())
                .start();
        System.out.printf("Payara Micro ready in %d ms on %s (pid %d, port %d)%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), ServerJdk.describe(), micro.pid(), micro.httpPort());
    }

    @AfterAll
    static void stopPayaraMicro() {
        if (micro != null) {
            micro.close();
            assertThat(micro.isAlive()).as("Payara Micro stopped").isFalse();
        }
    }

    @Override
    protected URI application() {
        return URI.create("http://127.0.0.1:" + micro.httpPort() + "/qdrant-it/");
    }

    @Override
    protected URI health() {
        return URI.create("http://127.0.0.1:" + micro.httpPort() + "/health/");
    }

    @Override
    protected String boundedPool() {
        return PayaraProbePools.BOUNDED;
    }

    @Override
    protected String leakyPool() {
        return PayaraProbePools.LEAKY;
    }

    @Override
    protected String samplePool() {
        return "java:app/qdrant/Default";
    }

    /**
     * A second definition of the same name (a stale class left in the war plugin's staging directory once did
     * it, with resourceAdapter "#qdrant-rar") makes Payara pick one of them by annotation scanning order:
     * about every second start then failed with "Resource Adapter not present".
     */
    @Test
    @Order(0)
    void theTestWarDefinesTheSamplePoolExactlyOnce() throws IOException {
        assertThat(FactoryDefinitions.classesDefining(war.toPath(), samplePool()))
                .containsExactly("WEB-INF/classes/io/github/qdrantjca/sample/qdrant/StandaloneFactoryDefinition.class");
    }

    @Test
    @Order(0)
    void theServerLogsNoDeprecationOrRestrictedMethodWarningOfOurs() throws IOException {
        List<String> ours;
        try (var lines = Files.lines(micro.log())) {
            ours = lines.filter(line -> OURS.matcher(line).find()).toList();
        }
        assertThat(ours).as("warnings about our descriptors, artifacts or native access in %s", micro.log()).isEmpty();
    }

    @Test
    @Order(10)
    void leakedHandleIsReclaimedAfterTheLeakTimeout() {
        Http.Reply leaked = Http.get(api("probe/leak?name=" + leakyPool()));

        assertThat(leaked.status()).as(leaked.toString()).isEqualTo(200);
        assertThat(statistics(leakyPool()).number("handlesOpen")).isEqualTo(1);
        Http.Reply reclaimed = await("leak reclaim of the pool of one connection")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> statistics(leakyPool()), s -> s.number("handlesOpen") == 0);
        assertThat(reclaimed.number("physicalOpen")).as("connections of the pool of one").isLessThanOrEqualTo(1);

        Http.Reply again = Http.get(api("probe/leak?name=" + leakyPool()));
        assertThat(again.status()).as("the pool of one connection serves again: %s", again).isEqualTo(200);
        Http.Reply after = statistics(leakyPool());
        assertThat(after.number("handlesOpen")).as("the second leaked handle").isEqualTo(1);
        assertThat(after.number("physicalOpen")).as("connections of the pool of one").isEqualTo(1);
    }
}
