package io.github.qdrantjca.it.support;

import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.qdrant.client.QdrantClient;
import java.util.List;
import java.util.UUID;

/**
 * The Qdrant of the container-managed sign-on tests: an emulator that serves only requests with
 * {@link #key()}, published as {@value #PORT_PROPERTY} (on the default Qdrant's host). The key is the
 * environment variable {@value #KEY_VARIABLE} when set (a server that reads the key from its
 * environment inherits it from the test JVM), else a fresh random one per run.
 */
public final class SignOnQdrant extends QdrantForServers {

    /** System property with the port of the sign-on Qdrant. */
    public static final String PORT_PROPERTY = "qdrant.signon.port";
    /** Environment variable that, when set, holds the API key. */
    public static final String KEY_VARIABLE = "QDRANT_SIGNON_KEY";

    private static final String NAME = "signon";
    private static final String KEY = chooseKey();

    /** The sign-on Qdrant, started in {@code beforeAll} once per test JVM. */
    public SignOnQdrant() {
        super(List.of(new Qdrant(NAME, new QdrantEmulatorExtension().withApiKey(KEY), null, PORT_PROPERTY)));
    }

    /** The only API key the sign-on Qdrant accepts. */
    public static String key() {
        return KEY;
    }

    /** Port of the sign-on Qdrant. */
    public static int signOnPort() {
        return qdrant(NAME).port();
    }

    /** A client of the sign-on Qdrant that sends the key (closed with the emulator, or by the caller). */
    public static QdrantClient signOnClient() {
        return qdrant(NAME).newClient();
    }

    private static String chooseKey() {
        String configured = System.getenv(KEY_VARIABLE);
        return configured != null && !configured.isBlank() ? configured
                : "signon-" + UUID.randomUUID().toString().replace("-", "");
    }
}
