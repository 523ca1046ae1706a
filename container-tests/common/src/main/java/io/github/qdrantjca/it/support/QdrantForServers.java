package io.github.qdrantjca.it.support;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Qdrants the servers under test talk to: each is run by the emulator's own
 * {@link QdrantEmulatorExtension} (a fresh emulator on a free port, or the real Qdrant named by
 * {@code -Dqdrant.target=host:port}), and its address is published as system properties, which the
 * server JVM receives (e.g. {@code arquillian.xml} passes {@code ${qdrant.test.host}} on as
 * {@code -Dqdrant.host}). One set per test JVM, started before the first server and closed when the
 * run ends (also when tests fail): Arquillian keeps its server up across test classes. Registered as
 * is, it runs one plaintext Qdrant published as {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY};
 * a suite that needs more declares them in a subclass.
 *
 * <p>Register it before the server's extensions: {@code @ExtendWith({QdrantForServers.class, ArquillianExtension.class})}.
 */
public class QdrantForServers implements BeforeAllCallback {

    /** System property with the host servers connect to. */
    public static final String HOST_PROPERTY = "qdrant.test.host";
    /** System property with the port servers connect to. */
    public static final String PORT_PROPERTY = "qdrant.test.port";
    /** Name of the Qdrant of a plain registration. */
    public static final String DEFAULT = "default";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QdrantForServers.class);
    private static final Map<String, QdrantEmulatorExtension> RUNNING = new ConcurrentHashMap<>();

    private final List<Qdrant> qdrants;

    /** One Qdrant, its extension, and the system properties that publish its host (optional) and port. */
    public record Qdrant(String name, QdrantEmulatorExtension extension, String hostProperty, String portProperty) {}

    /** One plaintext Qdrant, published as {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY}. */
    public QdrantForServers() {
        this(List.of(new Qdrant(DEFAULT, new QdrantEmulatorExtension(), HOST_PROPERTY, PORT_PROPERTY)));
    }

    /** The Qdrants {@code qdrants}, started in this order. */
    protected QdrantForServers(List<Qdrant> qdrants) {
        this.qdrants = List.copyOf(qdrants);
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        root.getStore(NAMESPACE).getOrComputeIfAbsent(getClass(), key -> start(root), Started.class);
    }

    private Started start(ExtensionContext root) {
        Started started = new Started(root);
        try {
            for (Qdrant qdrant : qdrants) {
                qdrant.extension().beforeAll(root);
                started.extensions.add(qdrant.extension());
                RUNNING.put(qdrant.name(), qdrant.extension());
                if (qdrant.hostProperty() != null) {
                    System.setProperty(qdrant.hostProperty(), qdrant.extension().host());
                }
                System.setProperty(qdrant.portProperty(), Integer.toString(qdrant.extension().port()));
            }
            started();
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e instanceof IOException io ? new UncheckedIOException("could not start the Qdrant emulators", io)
                    : (RuntimeException) e;
        }
    }

    /** Runs once every Qdrant is up, before the server starts (e.g. to create a collection the server expects). */
    protected void started() {}

    /** The Qdrants one registration started; closed by JUnit when the run ends. */
    private static final class Started implements AutoCloseable {
        private final ExtensionContext root;
        private final List<QdrantEmulatorExtension> extensions = new ArrayList<>();

        Started(ExtensionContext root) {
            this.root = root;
        }

        @Override
        public void close() {
            for (QdrantEmulatorExtension extension : extensions) {
                RUNNING.values().remove(extension);
                extension.afterAll(root);
            }
        }
    }

    /** The running Qdrant called {@code name}. */
    protected static QdrantEmulatorExtension qdrant(String name) {
        QdrantEmulatorExtension qdrant = RUNNING.get(name);
        if (qdrant == null) {
            throw new IllegalStateException("no Qdrant '" + name + "' is running: register its QdrantForServers"
                    + " extension on the test class");
        }
        return qdrant;
    }

    /** Whether the servers talk to emulators (false when {@code -Dqdrant.target} names a real Qdrant). */
    public static boolean isEmulated() {
        String target = System.getProperty(QdrantEmulatorExtension.TARGET_PROPERTY);
        return target == null || target.isBlank();
    }

    /** The emulator of a plain registration; skips the calling test (visibly) when a real Qdrant is the target. */
    public static QdrantEmulator emulator() {
        return qdrant(DEFAULT).emulator();
    }

    /** Host the servers connect to. */
    public static String host() {
        return qdrant(DEFAULT).host();
    }

    /** Port the servers connect to. */
    public static int port() {
        return qdrant(DEFAULT).port();
    }
}
