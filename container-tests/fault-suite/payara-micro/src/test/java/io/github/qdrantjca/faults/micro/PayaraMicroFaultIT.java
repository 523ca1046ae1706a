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
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * The fault suite on one Payara Micro: started with {@code qdrant-rar.rar} and the control WAR
 * (Micro has no admin port: the control WAR deploys through Micro's runtime API), stopped after the
 * scenarios also when they fail. Redeploys both the adapter and the application.
 */
@ExtendWith(FaultQdrants.class)
class PayaraMicroFaultIT extends FaultSuiteTests {

    private static final String APP = "qdrant-faults";
    private static final String CONTROL = "qdrant-fault-control";
    private static final String INVALID_APP = "qdrant-fault-invalid";
    private static final String ADAPTER = "qdrant-rar";

    private static final FaultReport REPORT = new FaultReport("Payara Micro " + System.getProperty("payara.micro.version",
            "6.2025.10"), "payara-micro");
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
        root = Path.of(System.getProperty("micro.rootdir"));
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
                .rootDir(root)
                .httpPort(FreePorts.freePort())
                .deploy(rar)
                .deploy(controlWar);
        for (String name : FaultQdrants.PROPERTIES) {
            builder.systemProperty(name, System.getProperty(name));
        }
        long start = System.nanoTime();
        micro = builder.start();
        System.out.printf("Payara Micro ready in %d ms (pid %d, port %d)%n", (System.nanoTime() - start) / 1_000_000,
                micro.pid(), micro.httpPort());
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

    private static Map<String, Object> control(String action, String name, Path file) {
        String query = "name=" + name + (file == null ? "" : "&file=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8));
        return object(Http.postJson(base().resolve(CONTROL + "/api/control/" + action + "?" + query), ""));
    }

    @Override
    protected FaultReport report() {
        return REPORT;
    }

    @Override
    protected URI application() {
        return base().resolve(APP + "/");
    }

    @Override
    protected URI health() {
        return base().resolve("health/");
    }

    @Override
    protected String jndi(String pool) {
        return PayaraFaultPools.PREFIX + pool;
    }

    @Override
    protected void deployApplication() {
        Map<String, Object> r = control("deploy", APP, appWar);
        assertThat(r.get("ok")).as("deploy %s: %s", APP, r).isEqualTo(true);
    }

    @Override
    protected void redeploy(boolean adapterToo) {
        Map<String, Object> undeployed = control("undeploy", APP, null);
        if (!adapterToo) {
            assertThat(undeployed.get("ok")).as("undeploy %s: %s", APP, undeployed).isEqualTo(true);
            deployApplication();
            return;
        }
        undeployed = control("undeploy", ADAPTER, null);
        @SuppressWarnings("unchecked")
        List<Object> left = (List<Object>) undeployed.get("applications");
        assertThat(left).as("after undeploying %s and %s", APP, ADAPTER)
                .doesNotContain((Object) APP, ADAPTER);
        assertThat(control("deploy", ADAPTER, rar).get("ok")).as("deploy %s", ADAPTER).isEqualTo(true);
        deployApplication();
    }

    @Override
    protected String deployInvalidConfiguration() throws IOException {
        long logBefore = Files.size(micro.log());
        Map<String, Object> deployed = control("deploy", INVALID_APP, invalidWar);
        try {
            if (deployed.get("ok") == Boolean.TRUE) {
                Map<String, Object> once = object(Http.get(base().resolve(INVALID_APP + "/api/probe/once?pool=java:app/qdrant/"
                        + FaultNames.INVALID)));
                assertThat(once.get("ok")).as("a call on the invalid pool: %s", once).isEqualTo(false);
                return "deployment succeeded; the lookup of the pool fails: " + once.get("chain");
            }
            String log = read(micro.log());
            return "deployment failed; server log: " + log.substring((int) Math.min(logBefore, log.length()));
        } finally {
            control("undeploy", INVALID_APP, null);
        }
    }

    @Override
    protected List<Path> serverLogs() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains(".log")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Pattern poolTimeoutMessage() {
        return Pattern.compile("(?i)(wait.?time|no available resource|timed? ?out|max-pool-size)");
    }
}
