package io.github.qdrantjca.it.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.qdrantjca.it.support.PayaraSignOnTests;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.SignOnQdrant;
import io.github.qdrantjca.it.support.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container-managed sign-on on Payara Server: a password alias holds the key of a Qdrant that
 * accepts only that key ({@link SignOnQdrant}); a connector security map on the pool maps every
 * caller to the alias ({@code ${ALIAS=qdrant-api-key}}). Only a resource reference with container
 * authentication gets it; {@code domain.xml} and {@code server.log} never show the key.
 */
@ExtendWith({QdrantForServers.class, SignOnQdrant.class, PayaraServer.class})
class PayaraServerSignOnIT extends PayaraSignOnTests {

    private static PayaraDomain domain;

    @BeforeAll
    static void passwordAliasPoolSecurityMapAndTheWar() throws Exception {
        assumeTrue(QdrantForServers.isEmulated(), "the sign-on Qdrant is an emulator with its own key");
        domain = PayaraServer.domain();
        createProofCollection();
        Path passwords = domain.directory().resolveSibling("signon-passwords.txt");
        Files.writeString(passwords, passwordFile(), StandardCharsets.UTF_8);
        Path commands = domain.directory().resolveSibling("signon.asadmin");
        Files.write(commands, List.of(
                "create-password-alias qdrant-api-key",
                "create-connector-connection-pool --raname qdrant-rar --connectiondefinition "
                        + "io.github.qdrantjca.adapter.api.QdrantConnectionFactory --transactionsupport NoTransaction "
                        + "--property host=" + QdrantForServers.host() + ":port=" + SignOnQdrant.signOnPort()
                        + " qdrant-signon-pool",
                "create-connector-resource --poolname qdrant-signon-pool qdrant/SignOn",
                "create-connector-security-map --poolname qdrant-signon-pool --principals * --mappedusername qdrant "
                        + "qdrant-signon-map"), StandardCharsets.UTF_8);
        try {
            domain.asadminWithPasswords(passwords, commands).check();
        } finally {
            Files.delete(passwords);
        }
        Path war = domain.directory().resolveSibling(TestArchives.SIGN_ON_WAR);
        TestArchives.signOnWar("qdrant/SignOn", "qdrant/SignOn", "Application").as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        domain.asadmin("deploy", "--contextroot", "qdrant-signon", "--name", "qdrant-signon", war.toString()).check();
    }

    @Override
    protected int httpPort() {
        return domain.httpPort();
    }

    @Test
    void keyIsNeitherInDomainXmlNorInTheServerLog() throws IOException {
        assertKeyUsedButNotInDomainXmlOrLog(domain.directory().resolve("config/domain.xml"),
                domain.directory().resolve("logs/server.log"));
    }
}
