package io.github.qdrantjca.faults.wildfly;

import io.github.qdrantjca.it.support.WildFlySetup;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the unpacked WildFly once per test JVM, before Arquillian starts it: the project's
 * {@code configure-server.cli} plus the fault-suite pools ({@code fault-pools.cli}), applied by
 * {@link WildFlySetup} (the container tests' mechanism).
 */
public final class WildFlyFaultServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WildFlyFaultServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("prepared", key -> {
            WildFlySetup.prepare(List.of("configure-server.cli"), "/fault-pools.cli", "qdrant-fault-setup");
            return Boolean.TRUE;
        });
    }

    /** The HTTP base URI of the server. */
    static URI http() {
        return WildFlySetup.http();
    }

    /** The management base URI, where MicroProfile Health lives. */
    static URI management() {
        return WildFlySetup.management();
    }

    /** The server's home directory. */
    static Path home() {
        return WildFlySetup.home();
    }
}
