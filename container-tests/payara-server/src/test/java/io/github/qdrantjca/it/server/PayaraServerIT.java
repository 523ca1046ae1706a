package io.github.qdrantjca.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara Server in a fresh domain ({@link PayaraServer}): the sample EAR, unchanged (its {@code glassfish-resources.xml}
 * defines the pool on the embedded adapter {@code qdrant-sample-ear#qdrant-rar}; host and port are
 * system properties set with asadmin, as {@code src/payara/system-properties.asadmin} does), and a
 * standalone {@code qdrant-rar.rar} with the server-level pool of
 * {@code src/payara/create-pool.asadmin}.
 */
@ExtendWith({QdrantForServers.class, PayaraServer.class})
class PayaraServerIT {

    private static PayaraDomain domain;

    @BeforeAll
    static void sharedDomain() {
        domain = PayaraServer.domain();
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + domain.httpPort() + "/qdrant-sample-app/api/" + path);
    }

    @Test
    void asadminScriptCreatesAServerPoolOnTheStandaloneAdapterThatReachesQdrant() throws IOException {
        domain.asadmin("multimode", "--file",
                Path.of(System.getProperty("payara.scripts"), "create-pool.asadmin").toString()).check();
        String properties = "resources.connector-connection-pool.qdrant-pool.property.";
        domain.asadmin("set", properties + "host=" + QdrantForServers.host()).check();
        domain.asadmin("set", properties + "port=" + QdrantForServers.port()).check();
        long connectionsBefore = QdrantForServers.isEmulated() ? QdrantForServers.emulator().totalConnections() : 0;

        PayaraDomain.Result ping = domain.asadmin("ping-connection-pool", "qdrant-pool").check();

        assertThat(ping.output()).contains("Command ping-connection-pool executed successfully");
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().totalConnections()).isGreaterThan(connectionsBefore);
        }
        PayaraDomain.Result resources = domain.asadmin("list-connector-resources").check();
        assertThat(resources.output()).contains("qdrant/Default");
    }

    @Test
    void earIndexesAndSearchesThroughItsEmbeddedAdapter() {
        long connectionsBefore = QdrantForServers.isEmulated() ? QdrantForServers.emulator().totalConnections() : 0;

        Http.Reply indexed = Http.postJson(api("documents"), "["
                + "{\"id\":301,\"text\":\"Payara Server runs the EAR with its own resource adapter\"},"
                + "{\"id\":302,\"text\":\"Cats sleep most of the day\"}]");

        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);
        assertThat(indexed.number("indexed")).isEqualTo(2);

        Http.Reply hits = Http.get(api("search?q=resource+adapter+in+the+EAR&limit=1"));

        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        assertThat(hits.number("id")).isEqualTo(301);
        Http.Reply statistics = Http.get(api("statistics"));
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.number("physicalOpen")).isPositive();
        assertThat(statistics.number("handlesOpen")).isZero();
        if (QdrantForServers.isEmulated()) {
            assertThat(QdrantForServers.emulator().totalConnections()).isGreaterThan(connectionsBefore);
        }
    }
}
