package io.github.qdrantjca.it.wildfly;

import io.github.qdrantjca.it.support.SignOnQdrant;
import io.github.qdrantjca.it.support.WildFlySetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the unpacked WildFly once per test JVM, before Arquillian starts it: the project's
 * {@code configure-server.cli} and {@code resource-adapter.cli} plus the test pools
 * ({@code test-pools.cli}), applied by {@link WildFlySetup}. It also starts the {@link SignOnQdrant}
 * whose port the server receives (whichever test class starts the server), and gives its key to
 * the CLI script that stores it in a fresh Elytron credential store.
 */
public final class WildFlyServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WildFlyServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("prepared", key -> {
            try {
                new SignOnQdrant().beforeAll(context);
                Files.deleteIfExists(credentialStore());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            WildFlySetup.prepare(List.of("configure-server.cli", "resource-adapter.cli"), "/test-pools.cli",
                    "qdrant-test-setup", Map.of("qdrantSignOnKey", SignOnQdrant.key()));
            return Boolean.TRUE;
        });
    }

    /** The Elytron credential store file that {@code test-pools.cli} creates. */
    static Path credentialStore() {
        return WildFlySetup.home().resolve("standalone/data/qdrant-credentials.cs");
    }

    /** The server's log file. */
    static Path serverLog() {
        return WildFlySetup.home().resolve("standalone/log/server.log");
    }

    /** The server's configuration file. */
    static Path standaloneXml() {
        return WildFlySetup.home().resolve("standalone/configuration/standalone.xml");
    }

    /** The HTTP base URI of the server. */
    static URI http() {
        return WildFlySetup.http();
    }

    /** The management base URI, where MicroProfile Health lives. */
    static URI management() {
        return WildFlySetup.management();
    }
}
