package io.github.qdrantjca.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What container-managed sign-on must do on every Payara (Server and Micro): a password alias holds
 * the key of a Qdrant that accepts only that key ({@link SignOnQdrant}), a connector security map on
 * the pool maps every caller to {@value #MAPPED_PASSWORD}, and the sign-on WAR
 * ({@link TestArchives#signOnWar}) asks for it three ways. A server module extends it, creates the
 * alias, pool, resource and map the way that server's administrators do, deploys the WAR and checks
 * that the key is in none of its files.
 */
public abstract class PayaraSignOnTests {

    /** The collection only a caller with the key can list. */
    protected static final String COLLECTION = "signon-proof";
    /** The security map's mapped password: the alias, never the key. */
    protected static final String MAPPED_PASSWORD = "${ALIAS=qdrant-api-key}";

    /** HTTP port of the server the sign-on WAR runs in. */
    protected abstract int httpPort();

    /** Creates {@link #COLLECTION} with the key, so that a caller without it is refused. */
    protected static void createProofCollection() throws Exception {
        try (QdrantClient client = SignOnQdrant.signOnClient()) {
            client.createCollectionAsync(COLLECTION,
                    VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build()).get(10, TimeUnit.SECONDS);
        }
    }

    /** The asadmin password file that gives the alias the key and the map its alias. */
    protected static String passwordFile() {
        return "AS_ADMIN_ALIASPASSWORD=" + SignOnQdrant.key() + "\n" + "AS_ADMIN_MAPPEDPASSWORD=" + MAPPED_PASSWORD + "\n";
    }

    /** {@code path} under the sign-on WAR's REST API. */
    protected URI api(String path) {
        return URI.create("http://127.0.0.1:" + httpPort() + "/qdrant-signon/api/signon/" + path);
    }

    @Test
    void resourceReferenceWithContainerAuthenticationGetsTheKeyThroughTheSecurityMap() {
        Http.Reply reply = Http.get(api("reference"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).contains(COLLECTION);
    }

    @Test
    void resourceReferenceWithApplicationAuthenticationGetsNoKeyAndQdrantRefusesIt() {
        assertRefusedForWantOfAKey(Http.get(api("unsigned")));
    }

    @Test
    void lookupWithoutResourceReferenceBypassesTheSecurityMapAndQdrantRefusesIt() {
        assertRefusedForWantOfAKey(Http.get(api("lookup?name=qdrant/SignOn")));
    }

    /**
     * Uses the key once (a container-auth call that Qdrant serves), then checks that the server wrote
     * the alias, not the key, into {@code domainXml} and no key into {@code log}; returns the key for
     * a server's own further checks.
     */
    protected String assertKeyUsedButNotInDomainXmlOrLog(Path domainXml, Path log) throws IOException {
        Http.Reply used = Http.get(api("reference"));
        assertThat(used.status()).as(used.toString()).isEqualTo(200);
        String key = SignOnQdrant.key();

        assertThat(Files.readString(domainXml, StandardCharsets.UTF_8)).doesNotContain(key).contains(MAPPED_PASSWORD);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("%s", log).doesNotContain(key);
        return key;
    }

    private static void assertRefusedForWantOfAKey(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
        assertThat(reply.string("error")).contains("UNAUTHENTICATED")
                .contains("Must provide an API key or an Authorization bearer token");
    }
}
