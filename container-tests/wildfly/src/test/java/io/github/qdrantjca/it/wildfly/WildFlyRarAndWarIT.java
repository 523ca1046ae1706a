package io.github.qdrantjca.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.it.support.AdapterInServerTests;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.TestArchives;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WildFly started by Arquillian, configured by the project's CLI scripts (cached connection
 * manager debug, archive validation failing on warnings, MicroProfile Health), with
 * {@code qdrant-rar.rar} deployed first and the test WAR second.
 */
@ExtendWith({QdrantForServers.class, WildFlyServer.class, ArquillianExtension.class})
class WildFlyRarAndWarIT extends AdapterInServerTests {

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive adapterArchive() {
        return TestArchives.rar();
    }

    @Deployment(name = "war", order = 2, testable = false)
    static WebArchive testWar() {
        return TestArchives.portableTestWar();
    }

    @Override
    protected URI application() {
        return WildFlyServer.http().resolve("qdrant-it/");
    }

    @Override
    protected String boundedPool() {
        return "java:/qdrant/Bounded";
    }

    @Override
    protected String leakyPool() {
        return "java:/qdrant/Leaky";
    }

    @Override
    protected String samplePool() {
        return "java:/qdrant/Default";
    }

    @Override
    protected URI health() {
        return WildFlyServer.management().resolve("health/");
    }

    @Test
    @Order(10)
    void cachedConnectionManagerClosesTheHandleABeanLeftOpen() {
        Http.Reply before = statistics(leakyPool());

        Http.Reply leaked = Http.get(api("probe/leak?name=" + leakyPool()));

        assertThat(leaked.status()).as(leaked.toString()).isEqualTo(200);
        Http.Reply after = statistics(leakyPool());
        assertThat(after.number("handlesOpen")).as("handles left open after the EJB call").isZero();
        assertThat(after.number("physicalOpen")).as("the connection went back to the pool").isEqualTo(1);
        Http.Reply again = Http.get(api("probe/leak?name=" + leakyPool()));
        assertThat(again.status()).as("the pool of one connection serves again at once: %s", again).isEqualTo(200);
        assertThat(statistics(leakyPool()).number("physicalCreated") - before.number("physicalCreated"))
                .as("connections opened for two leaking calls").isEqualTo(1);
    }

    @Test
    @Order(11)
    void ironJacamarDescriptorBindsTheDefaultPoolAtItsJndiName() {
        Http.Reply reply = Http.get(api("probe/lookup?name=java:/qdrant/Default"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.string("version")).matches(VERSION_PATTERN);
    }

    @Test
    @Order(12)
    void cliScriptConfiguresASecondPool() {
        Http.Reply reply = Http.get(api("probe/lookup?name=java:/qdrant/Configured"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.string("version")).matches(VERSION_PATTERN);
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().openConnections()).isPositive();
        }
    }
}
