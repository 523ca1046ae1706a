package io.github.qdrantjca.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.SignOnQdrant;
import io.github.qdrantjca.it.support.TestArchives;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container-managed sign-on on WildFly: the pools of {@code test-pools.cli} on a Qdrant that accepts
 * only {@link SignOnQdrant#key()}. {@code java:/qdrant/SignOn} takes the key from an Elytron
 * credential store through an authentication context, {@code java:/qdrant/EnvSignOn} from an
 * environment expression, {@code java:/qdrant/Unsigned} has no credential. The key never shows in
 * {@code server.log}, {@code standalone.xml} or the management model.
 */
@ExtendWith({QdrantForServers.class, WildFlyServer.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlySignOnIT {

    private static final String COLLECTION = "signon-proof";

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive adapterArchive() {
        return TestArchives.rar();
    }

    @Deployment(name = "signon", order = 2, testable = false)
    static WebArchive signOnWar() {
        return TestArchives.signOnWar("java:/qdrant/SignOn", "java:/qdrant/Unsigned", "Container");
    }

    @BeforeAll
    static void aCollectionOnlyTheKeyCanList() throws Exception {
        assumeTrue(QdrantForServers.isEmulated(), "the sign-on Qdrant is an emulator with its own key");
        try (QdrantClient client = SignOnQdrant.signOnClient()) {
            client.createCollectionAsync(COLLECTION,
                    VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build()).get(10, TimeUnit.SECONDS);
        }
    }

    private static URI api(String path) {
        return WildFlyServer.http().resolve("qdrant-signon/api/signon/" + path);
    }

    @Test
    @Order(1)
    void resourceReferenceWithContainerAuthenticationGetsTheKeyFromTheCredentialStore() {
        Http.Reply reply = Http.get(api("reference"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).contains(COLLECTION);
    }

    @Test
    @Order(2)
    void poolWithoutCredentialIsRefusedByQdrantAsUnauthenticated() {
        Http.Reply reply = Http.get(api("unsigned"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
        assertThat(reply.string("error")).contains("UNAUTHENTICATED")
                .contains("Must provide an API key or an Authorization bearer token");
    }

    @Test
    @Order(3)
    void directLookupWithoutResourceReferenceGetsTheCredentialToo() {
        Http.Reply reply = Http.get(api("lookup?name=java:/qdrant/SignOn"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).contains(COLLECTION);
    }

    @Test
    @Order(4)
    void environmentExpressionInTheAuthenticationConfigurationSuppliesTheKey() {
        Http.Reply reply = Http.get(api("lookup?name=java:/qdrant/EnvSignOn"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).contains(COLLECTION);
    }

    @Test
    @Order(5)
    void keyIsNeitherInTheLogNorInTheConfigurationNorInTheManagementModel() throws IOException {
        String key = SignOnQdrant.key();
        String standaloneXml = Files.readString(WildFlyServer.standaloneXml(), StandardCharsets.UTF_8);

        assertThat(Files.readString(WildFlyServer.serverLog(), StandardCharsets.UTF_8)).doesNotContain(key);
        assertThat(standaloneXml).doesNotContain(key)
                .contains("<credential-reference store=\"qdrant\" alias=\"qdrant-api-key\"/>")
                .contains("${env.QDRANT_SIGNON_KEY}");
        assertThat(Files.readAllBytes(WildFlyServer.credentialStore()))
                .as("the credential store keeps the key encrypted")
                .asString(StandardCharsets.ISO_8859_1).doesNotContain(key);
        for (String subsystem : new String[] {"elytron", "resource-adapters"}) {
            ModelNode model = readResource(subsystem);
            assertThat(model.get("outcome").asString()).as(model.toString()).isEqualTo("success");
            assertThat(model.toJSONString(false)).as("/subsystem=%s", subsystem).doesNotContain(key);
        }
    }

    /** {@code /subsystem=NAME:read-resource(recursive=true, include-runtime=true)}, as the local user (like the CLI). */
    private static ModelNode readResource(String subsystem) throws IOException {
        ModelNode operation = new ModelNode();
        operation.get("operation").set("read-resource");
        operation.get("address").add("subsystem", subsystem);
        operation.get("recursive").set(true);
        operation.get("include-runtime").set(true);
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1",
                WildFlyServer.management().getPort())) {
            return client.execute(operation);
        }
    }
}
