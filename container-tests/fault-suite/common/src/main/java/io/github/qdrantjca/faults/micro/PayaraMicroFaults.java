package io.github.qdrantjca.faults.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.faults.app.FaultApplication;
import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.faults.app.invalid.PayaraInvalidPool;
import io.github.qdrantjca.faults.app.payara.PayaraFaultPools;
import io.github.qdrantjca.faults.control.ControlApplication;
import io.github.qdrantjca.faults.support.FaultQdrants;
import io.github.qdrantjca.faults.support.FaultReport;
import io.github.qdrantjca.faults.support.FaultSuiteTests;
import io.github.qdrantjca.it.support.FreePorts;
import io.github.qdrantjca.it.micro.PayaraMicroTests;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.ServerJdk;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault suite on one Payara Micro, started quiet (no Hazelcast) with {@code qdrant-rar.rar} and
 * the control WAR (Micro has no admin port: the control WAR deploys through Micro's runtime API),
 * stopped after the scenarios also when they fail. Redeploys both the adapter and the application.
 * A module runs it on the Payara Micro jar named by {@code payara.micro.jar} and the JDK named by
 * {@code server.jdk} ({@link ServerJdk}) with an empty subclass.
 */
@ExtendWith(FaultQdrants.class)
public abstract class PayaraMicroFaults extends FaultSuiteTests {

    private static final String APP = "qdrant-faults";
    private static final String CONTROL = "qdrant-fault-control";
    private static final String INVALID_APP = "qdrant-fault-invalid";
    private static final String ADAPTER = "qdrant-rar";

    private static final String VERSION = System.getProperty("payara.micro.version", "?");
    private static final FaultReport REPORT = new FaultReport("Payara Micro " + VERSION + " on " + ServerJdk.describe(),
            "payara-micro-" + VERSION.split("\\.")[0]);
    private static PayaraMicroProcess micro;
    private static Path appWar;
    private static Path invalidWar;
    private static Path rar;
    private static Path root;

    @BeforeAll
    static void startPayaraMicro() throws IOException {
        if (!FaultQdrants.emulated()) {
            return; // every scenario skips with the reason
        }
        root = Path.of(System.getProperty("micro.rootdir")).resolve("faults");
        Path wars = root.resolveSibling("fault-wars");
        Files.createDirectories(wars);
        appWar = export(ShrinkWrap.create(WebArchive.class, APP + ".war")
                .addPackage(FaultApplication.class.getPackage())
                .addPackage(PayaraFaultPools.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"), wars);
        invalidWar = export(ShrinkWrap.create(WebArchive.class, INVALID_APP + ".war")
                .addPackage(FaultApplication.class.getPackage())
                .addPackage(PayaraInvalidPool.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"), wars);
        Path controlWar = export(ShrinkWrap.create(WebArchive.class, CONTROL + ".war")
                .addPackage(ControlApplication.class.getPackage()), wars);
        rar = Path.of(System.getProperty("qdrant.rar")).toAbsolutePath();
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(Path.of(System.getProperty("payara.micro.jar")))
                .javaHome(ServerJdk.home())
                .quiet()
                .startTimeout(PayaraMicroTests.START_TIMEOUT)
                .rootDir(root)
                .httpPort(FreePorts.freePort())
                .deploy(rar)
                .deploy(controlWar);
        ServerJdk.JVM_OPTIONS.forEach(builder::jvmOption);
        for (String name : FaultQdrants.PROPERTIES) {
            builder.systemProperty(name, System.getProperty(name));
        }
        long start = System.nanoTime();
        micro = builder.start();
        System.out.printf("Payara Micro ready in %d ms on %s (pid %d, port %d)%n", (System.nanoTime() - start) / 1_000_000,
                ServerJdk.describe(), micro.pid(), micro.httpPort());
    }

    @AfterAll
    static void stopPayaraMicro() {
        writeReportOf(REPORT);
        if (micro != null) {
            micro.close();
            assertThat(micro.isAlive()).as("Payara Micro stopped").isFalse();
        }
    }

    private static Path export(WebArchive war, Path dir) {
        File file = dir.resolve(war.getName()).toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        return file.toPath().toAbsolutePath();
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + micro.httpPort() + "/");
    }

    private static JsonObject control(String action, String name, Path file) {
        String query = "name=" + name + (file == null ? "" : "&file=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8));
        return object(Http.postJson(base().resolve(CONTROL + "/api/control/" + action + "?" + query), ""));
    }

    @Override
    public FaultReport report() {
        return REPORT;
    }

    @Override
    public URI application() {
        return base().resolve(APP + "/");
    }

    @Override
    public URI health() {
        return base().resolve("health/");
    }

    @Override
    public String jndi(String pool) {
        return PayaraFaultPools.PREFIX + pool;
    }

    @Override
    public void deployApplication() {
        JsonObject r = control("deploy", APP, appWar);
        assertThat(ok(r)).as("deploy %s: %s", APP, r).isTrue();
    }

    @Override
    public void redeploy(boolean adapterToo) {
        JsonObject undeployed = control("undeploy", APP, null);
        if (!adapterToo) {
            assertThat(ok(undeployed)).as("undeploy %s: %s", APP, undeployed).isTrue();
            deployApplication();
            return;
        }
        undeployed = control("undeploy", ADAPTER, null);
        List<String> left = undeployed.getJsonArray("applications").getValuesAs(JsonString::getString);
        assertThat(left).as("after undeploying %s and %s", APP, ADAPTER).doesNotContain(APP, ADAPTER);
        assertThat(ok(control("deploy", ADAPTER, rar))).as("deploy %s", ADAPTER).isTrue();
        deployApplication();
    }

    @Override
    public String deployInvalidConfiguration() throws IOException {
        long logBefore = Files.size(micro.log());
        JsonObject deployed = control("deploy", INVALID_APP, invalidWar);
        try {
            if (ok(deployed)) {
                JsonObject once = object(Http.get(base().resolve(INVALID_APP + "/api/probe/once?pool=java:app/qdrant/"
                        + FaultNames.INVALID)));
                assertThat(ok(once)).as("a call on the invalid pool: %s", once).isFalse();
                return "deployment succeeded; the lookup of the pool fails: " + text(once, "chain");
            }
            String log = read(micro.log());
            return "deployment failed; server log: " + log.substring((int) Math.min(logBefore, log.length()));
        } finally {
            control("undeploy", INVALID_APP, null);
        }
    }

    @Override
    public List<Path> serverLogs() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains(".log")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String declinedMatchWarning() {
        return null;
    }

    @Override
    public Pattern serverPoolThreads() {
        return Pattern.compile("Executor-Service-#|GF Domain XML|concurrent/__default.*|http-thread-pool::.*");
    }

    @Override
    public Pattern poolTimeoutMessage() {
        return Pattern.compile("(?i)(wait.?time|no available resource|timed? ?out|max-pool-size)");
    }
}
