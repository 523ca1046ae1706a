package io.github.qdrantjca.it.support;

import io.github.qdrantjca.emulator.QdrantEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Qdrant the servers under test talk to: one emulator for the whole test JVM, started on a
 * free port before the first server starts and closed after the last test (also when tests fail),
 * or the real Qdrant named by {@code -Dqdrant.target=host:port}. Its address is published as the
 * system properties {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY}, which {@code arquillian.xml}
 * passes on to the server JVM as {@code -Dqdrant.host}/{@code -Dqdrant.port}.
 *
 * <p>Register it before Arquillian: {@code @ExtendWith({QdrantForServers.class, ArquillianExtension.class})}.
 */
public final class QdrantForServers implements BeforeAllCallback {

    /** System property with the host servers connect to. */
    public static final String HOST_PROPERTY = "qdrant.test.host";
    /** System property with the port servers connect to. */
    public static final String PORT_PROPERTY = "qdrant.test.port";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QdrantForServers.class);
    private static volatile Target current;

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Target.class, key -> Target.open(), Target.class);
    }

    /** Whether the servers talk to the in-process emulator (not to a real Qdrant). */
    public static boolean isEmulated() {
        return target().emulator != null;
    }

    /** The emulator; skips the calling test (visibly) when a real Qdrant is the target. */
    public static QdrantEmulator emulator() {
        Target target = target();
        Assumptions.assumeTrue(target.emulator != null,
                "fault and connection-count controls need the emulator; -Dqdrant.target=" + target.host + ":"
                        + target.port + " points at a real Qdrant");
        return target.emulator;
    }

    /** Host the servers connect to. */
    public static String host() {
        return target().host;
    }

    /** Port the servers connect to. */
    public static int port() {
        return target().port;
    }

    private static Target target() {
        Target target = current;
        if (target == null) {
            throw new IllegalStateException("QdrantForServers is not registered on this test class");
        }
        return target;
    }

    /** The emulator (or real target) of this JVM; closed by JUnit when the whole run ends. */
    static final class Target implements ExtensionContext.Store.CloseableResource {

        final QdrantEmulator emulator;
        final String host;
        final int port;

        private Target(QdrantEmulator emulator, String host, int port) {
            this.emulator = emulator;
            this.host = host;
            this.port = port;
            System.setProperty(HOST_PROPERTY, host);
            System.setProperty(PORT_PROPERTY, Integer.toString(port));
        }

        static Target open() {
            String real = System.getProperty("qdrant.target", "").trim();
            if (!real.isEmpty()) {
                int colon = real.lastIndexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("qdrant.target must be host:port, was '" + real + "'");
                }
                return new Target(null, real.substring(0, colon), Integer.parseInt(real.substring(colon + 1)));
            }
            try {
                QdrantEmulator emulator = QdrantEmulator.builder().port(0).build().start();
                return new Target(emulator, emulator.host(), emulator.port());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the Qdrant emulator", e);
            }
        }

        @Override
        public void close() {
            if (emulator != null) {
                emulator.close();
            }
        }
    }
}
