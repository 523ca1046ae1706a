package io.github.qdrantjca.it.server;

import io.github.qdrantjca.it.support.QdrantForServers;
import io.github.qdrantjca.it.support.TestArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Payara Server domain per test JVM, shared by the test classes (a domain takes seconds to
 * create and start): started before the first class, with the system properties
 * {@code qdrant.host}/{@code qdrant.port} of the default Qdrant (as {@code src/payara/system-properties.asadmin}
 * sets them), the sample EAR deployed as {@code qdrant-sample-ear} and then the standalone
 * {@code qdrant-rar.rar} as {@code qdrant-rar} (in this order, as before this domain was shared: the
 * EAR's classes are loaded before a standalone adapter's join the server's connector class loader);
 * stopped when the run ends. Register it after {@link QdrantForServers}.
 */
final class PayaraServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PayaraServer.class);

    private static volatile PayaraDomain domain;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("domain", key -> start(), Running.class);
    }

    /** The running domain. */
    static PayaraDomain domain() {
        if (domain == null) {
            throw new IllegalStateException("no Payara domain: register the PayaraServer extension");
        }
        return domain;
    }

    private static Running start() {
        long start = System.nanoTime();
        PayaraDomain started = null;
        try {
            started = PayaraDomain.start(Path.of(System.getProperty("payara.home")),
                    Path.of(System.getProperty("payara.domains")));
            long ready = System.nanoTime();
            started.asadmin("create-system-properties",
                    "qdrant.host=" + QdrantForServers.host() + ":qdrant.port=" + QdrantForServers.port()).check();
            started.asadmin("deploy", "--name", "qdrant-sample-ear", TestArchives.artifact("sample.ear").getPath())
                    .check();
            started.asadmin("deploy", "--name", "qdrant-rar", TestArchives.artifact("qdrant.rar").getPath()).check();
            System.out.printf("Payara Server domain started in %d ms, EAR and adapter deployed in %d ms (http port %d)%n",
                    Duration.ofNanos(ready - start).toMillis(), Duration.ofNanos(System.nanoTime() - ready).toMillis(),
                    started.httpPort());
            domain = started;
            return new Running(started);
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                try {
                    started.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException("could not start Payara Server", io)
                    : (RuntimeException) e;
        }
    }

    /** Stops the domain when JUnit closes the root store. */
    private record Running(PayaraDomain started) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            domain = null;
            started.close();
        }
    }
}
