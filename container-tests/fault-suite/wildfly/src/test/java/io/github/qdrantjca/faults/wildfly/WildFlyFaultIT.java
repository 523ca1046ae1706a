package io.github.qdrantjca.faults.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.faults.app.FaultApplication;
import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.faults.app.wildfly.WildFlyFaultReadiness;
import io.github.qdrantjca.faults.support.FaultQdrants;
import io.github.qdrantjca.faults.support.FaultReport;
import io.github.qdrantjca.faults.support.FaultSuiteTests;
import io.github.qdrantjca.it.support.Http;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault suite on one WildFly started by Arquillian. Every archive is deployed by the scenarios
 * ({@code managed = false}): {@code qdrant-rar.rar} (the pools are configured in the server for
 * that archive name) and the fault-suite WAR while Qdrant is down, both again for each redeploy,
 * and a copy of the adapter whose {@code ironjacamar.xml} sets an invalid port.
 */
@ExtendWith({FaultQdrants.class, WildFlyFaultServer.class, ArquillianExtension.class})
class WildFlyFaultIT extends FaultSuiteTests {

    private static final String RAR = "rar";
    private static final String APP = "app";
    private static final String INVALID = "invalid";

    private static final FaultReport REPORT = new FaultReport("WildFly " + System.getProperty("wildfly.version"), "wildfly");
    private static boolean adapterDeployed;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = RAR, order = 1, managed = false, testable = false)
    static ResourceAdapterArchive adapter() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("qdrant.rar")));
    }

    @Deployment(name = APP, order = 2, managed = false, testable = false)
    static WebArchive faultWar() {
        return ShrinkWrap.create(WebArchive.class, "qdrant-faults.war")
                .addPackage(FaultApplication.class.getPackage())
                .addPackage(WildFlyFaultReadiness.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.qdrant-rar.rar\n"));
    }

    /** The adapter again, as {@code qdrant-invalid.rar}, activating one pool with port {@value FaultNames#INVALID_PORT}. */
    @Deployment(name = INVALID, order = 3, managed = false, testable = false)
    static ResourceAdapterArchive invalidAdapter() {
        ResourceAdapterArchive rar = ShrinkWrap.create(ResourceAdapterArchive.class, "qdrant-invalid.rar")
                .merge(adapter());
        rar.delete("META-INF/ironjacamar.xml");
        return rar.addAsManifestResource(new StringAsset("""
                <ironjacamar xmlns="http://www.ironjacamar.org/doc/schema">
                  <transaction-support>NoTransaction</transaction-support>
                  <connection-definitions>
                    <connection-definition class-name="io.github.qdrantjca.adapter.outbound.QdrantManagedConnectionFactory"
                        jndi-name="java:/qdrant/FaultInvalid" pool-name="FaultInvalid" enabled="true" use-ccm="false">
                      <config-property name="host">127.0.0.1</config-property>
                      <config-property name="port">%d</config-property>
                    </connection-definition>
                  </connection-definitions>
                </ironjacamar>
                """.formatted(FaultNames.INVALID_PORT)), "ironjacamar.xml");
    }

    @AfterAll
    static void writeReport() {
        writeReportOf(REPORT);
    }

    @Override
    public FaultReport report() {
        return REPORT;
    }

    @Override
    public URI application() {
        return WildFlyFaultServer.http().resolve("qdrant-faults/");
    }

    @Override
    public URI health() {
        return WildFlyFaultServer.management().resolve("health/");
    }

    @Override
    public String jndi(String pool) {
        return WildFlyFaultReadiness.PREFIX + pool;
    }

    @Override
    public void deployApplication() {
        if (!adapterDeployed) {
            deployer.deploy(RAR);
            adapterDeployed = true;
        }
        deployer.deploy(APP);
    }

    @Override
    public void redeploy(boolean adapterToo) {
        deployer.undeploy(APP);
        if (adapterToo) {
            deployer.undeploy(RAR);
            deployer.deploy(RAR);
        }
        deployer.deploy(APP);
    }

    @Override
    public String deployInvalidConfiguration() {
        try {
            deployer.deploy(INVALID);
            JsonObject once = object(Http.get(api("probe/once?pool=java:/qdrant/" + FaultNames.INVALID)));
            assertThat(ok(once)).as("a call on the invalid pool: %s", once).isFalse();
            return "deployment succeeded; using the pool fails: " + text(once, "chain");
        } catch (Exception e) { // Arquillian's DeploymentException (checked) escapes Deployer.deploy undeclared
            StringBuilder chain = new StringBuilder("deployment failed: ");
            for (Throwable c = e; c != null; c = c.getCause()) {
                chain.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" <- ");
            }
            return chain.toString();
        } finally {
            try {
                deployer.undeploy(INVALID);
            } catch (Exception e) {
                // it was never deployed
            }
        }
    }

    @Override
    public List<Path> serverLogs() {
        try (Stream<Path> files = Files.list(WildFlyFaultServer.home().resolve("standalone/log"))) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** IronJacamar logs IJ000612 (WARN) for every pooled connection the adapter's matchManagedConnections declines. */
    @Override
    public String declinedMatchWarning() {
        return "IJ000612";
    }

    @Override
    public Pattern serverPoolThreads() {
        return Pattern.compile("ServerService Thread Pool -- #|management-handler-thread - #|management task-#|default task-#");
    }

    @Override
    public Pattern poolTimeoutMessage() {
        return Pattern.compile("IJ000655: No managed connections available within configured blocking timeout");
    }
}
