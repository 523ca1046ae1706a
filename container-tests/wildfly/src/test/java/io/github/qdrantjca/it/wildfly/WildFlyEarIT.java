package io.github.qdrantjca.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.TestArchives;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample EAR, unchanged, on WildFly: the adapter inside it is found as "#qdrant-rar". */
@ExtendWith({QdrantForServers.class, WildFlyServer.class, ArquillianExtension.class})
class WildFlyEarIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return TestArchives.ear();
    }

    private static URI api(String path) {
        return WildFlyServer.http().resolve("qdrant-sample-app/api/" + path);
    }

    @Test
    void earIndexesAndSearchesThroughItsEmbeddedAdapter() {
        Http.Reply indexed = Http.postJson(api("documents"), "["
                + "{\"id\":201,\"text\":\"An EAR bundles the resource adapter with the application\"},"
                + "{\"id\":202,\"text\":\"Tomatoes need sun and water\"}]");

        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);
        assertThat(indexed.number("indexed")).isEqualTo(2);

        Http.Reply hits = Http.get(api("search?q=resource+adapter+inside+the+application&limit=1"));

        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        assertThat(hits.number("id")).isEqualTo(201);
        Http.Reply statistics = Http.get(api("statistics"));
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.number("physicalOpen")).isPositive();
        assertThat(statistics.number("handlesOpen")).isZero();
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().openConnections()).isPositive();
        }
    }
}
