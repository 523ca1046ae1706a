package io.github.qdrantjca.it.wildfly;

import io.github.qdrantjca.it.support.WildFlySetup;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the unpacked WildFly once per test JVM, before Arquillian starts it: the project's
 * {@code configure-server.cli} and {@code resource-adapter.cli} plus the test pools
 * ({@code test-pools.cli}), applied by {@link WildFlySetup}.
 */
public final class WildFlyServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WildFlyServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("prepared", key -> {
            WildFlySetup.prepare(List.of("configure-server.cli", "resource-adapter.cli"), "/test-pools.cli",
                    "qdrant-test-setup");
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
}
