package io.github.qdrantjca.it.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.it.app.payara.PayaraProbePools;
import io.github.qdrantjca.it.support.AdapterInServerTests;
import io.github.qdrantjca.it.support.FreePorts;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.TestArchives;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Micro with {@code qdrant-rar.rar} deployed first and the Payara test WAR (the sample
 * application, the probe endpoints and annotation-defined test pools) second: one server for all
 * tests of the class, stopped after them also when they fail.
 */
@ExtendWith(QdrantForServers.class)
class PayaraMicroIT extends AdapterInServerTests {

    private static PayaraMicroProcess micro;
    private static File war;

    @BeforeAll
    static void startPayaraMicro() throws IOException {
        Path root = Path.of(System.getProperty("micro.rootdir"));
        Files.createDirectories(root.getParent());
        war = root.resolveSibling(TestArchives.TEST_WAR).toFile();
        TestArchives.payaraTestWar().as(ZipExporter.class).exportTo(war, true);
        long start = System.nanoTime();
        micro = PayaraMicroProcess.builder(TestArchives.artifact("payara.micro.jar").toPath())
                .rootDir(root)
                .httpPort(FreePorts.freePort())
                .systemProperty("qdrant.host", QdrantForServers.host())
                .systemProperty("qdrant.port", Integer.toString(QdrantForServers.port()))
                .deploy(TestArchives.artifact("qdrant.rar").toPath())
                .deploy(war.toPath())
                .start();
        System.out.printf("Payara Micro ready in %d ms (pid %d, port %d)%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), micro.pid(), micro.httpPort());
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
