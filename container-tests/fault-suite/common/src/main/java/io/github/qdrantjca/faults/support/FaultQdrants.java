package io.github.qdrantjca.faults.support;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.github.qdrantjca.faults.app.FaultNames;
import io.github.qdrantjca.it.support.QdrantForServers;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Qdrants of the fault suite ({@link QdrantForServers} with six emulators):
 * {@link #plain()} (the load pool's Qdrant, with the collection the workers search),
 * {@link #keyed()} (accepts only {@link FaultNames#API_KEY_A}), {@link #tls()} (TLS with the
 * test certificate from the directory {@code fault.tls.dir}), {@link #frozen()} (the keepalive
 * pool's, which scenario 7 freezes) and the two nodes of the failover pool, {@link #nodeA()} and
 * {@link #nodeB()}; each pool has its Qdrant to itself where the scenarios count its connections
 * there. Published for the server JVM as {@code fault.qdrant.host}, {@code fault.qdrant.port},
 * {@code fault.qdrant.key.port}, {@code fault.qdrant.tls.port}, {@code fault.qdrant.trust} (the
 * certificate's PEM file), {@code fault.qdrant.frozen.port} and {@code fault.qdrant.failover.hosts}
 * ({@code host:port,host:port} of node A and node B).
 *
 * <p>The fault suite needs fault controls: with {@code -Dqdrant.target=host:port} (a real Qdrant)
 * {@link #emulated()} is false and every scenario skips with {@link #skipReason()}. Register it
 * before the server's extensions.
 */
public final class FaultQdrants extends QdrantForServers {

    /** System properties a server JVM needs. */
    public static final String[] PROPERTIES = {
        "fault.qdrant.host", "fault.qdrant.port", "fault.qdrant.key.port", "fault.qdrant.tls.port", "fault.qdrant.trust",
        "fault.qdrant.frozen.port", "fault.qdrant.failover.hosts"
    };

    private static final String PLAIN = "plain";
    private static final String KEYED = "keyed";
    private static final String TLS = "tls";
    private static final String FROZEN = "frozen";
    private static final String NODE_A = "node-a";
    private static final String NODE_B = "node-b";

    /** The Qdrants, with the test certificate of {@code fault.tls.dir}. */
    public FaultQdrants() {
        super(List.of(
                new Qdrant(PLAIN, new QdrantEmulatorExtension(), PROPERTIES[0], PROPERTIES[1]),
                new Qdrant(KEYED, new QdrantEmulatorExtension().withApiKey(FaultNames.API_KEY_A), null, PROPERTIES[2]),
                new Qdrant(TLS, new QdrantEmulatorExtension().withTls(certificate(), tlsDir().resolve("server.key.pem")),
                        null, PROPERTIES[3]),
                new Qdrant(FROZEN, new QdrantEmulatorExtension(), null, PROPERTIES[5]),
                new Qdrant(NODE_A, new QdrantEmulatorExtension(), null, "fault.qdrant.a.port"),
                new Qdrant(NODE_B, new QdrantEmulatorExtension(), null, "fault.qdrant.b.port")));
    }

    private static Path tlsDir() {
        Path dir = Path.of(System.getProperty("fault.tls.dir", "")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("server.cert.pem")) || !Files.isRegularFile(dir.resolve("server.key.pem"))) {
            throw new IllegalStateException("system property fault.tls.dir must name the directory of the test"
                    + " certificate (server.cert.pem, server.key.pem), was " + dir);
        }
        return dir;
    }

    private static Path certificate() {
        return tlsDir().resolve("server.cert.pem");
    }

    /**
     * Publishes the certificate and the failover hosts, and creates the collection the load workers search at
     * every Qdrant that load pools use, before any server sees Qdrant.
     */
    @Override
    protected void started() {
        System.setProperty(PROPERTIES[4], certificate().toString());
        System.setProperty(PROPERTIES[6], qdrant(NODE_A).host() + ":" + qdrant(NODE_A).port() + ","
                + qdrant(NODE_B).host() + ":" + qdrant(NODE_B).port());
        if (!emulated()) {
            return;
        }
        for (String name : List.of(PLAIN, FROZEN, NODE_A, NODE_B)) {
            try (QdrantClient client = qdrant(name).newClient()) {
                client.createCollectionAsync(FaultNames.COLLECTION, VectorParams.newBuilder()
                        .setSize(FaultNames.DIMENSION).setDistance(Distance.Cosine).build()).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not create the load collection at Qdrant " + name + ": " + e, e);
            }
        }
    }

    /** Whether the suite runs against the emulators (false when {@code -Dqdrant.target} names a real Qdrant). */
    public static boolean emulated() {
        return isEmulated();
    }

    /** Why the scenarios skip when {@link #emulated()} is false. */
    public static String skipReason() {
        return "the fault suite stops, stalls and counts connections of the emulator; -Dqdrant.target="
                + System.getProperty("qdrant.target", "") + " points at a real Qdrant, so it is skipped";
    }

    /** The plaintext Qdrant of the load pool. */
    public static QdrantEmulator plain() {
        return qdrant(PLAIN).emulator();
    }

    /** The Qdrant that accepts only {@link FaultNames#API_KEY_A}. */
    public static QdrantEmulator keyed() {
        return qdrant(KEYED).emulator();
    }

    /** The TLS Qdrant. */
    public static QdrantEmulator tls() {
        return qdrant(TLS).emulator();
    }

    /** The plaintext Qdrant of the keepalive pool alone, which scenario 7 freezes. */
    public static QdrantEmulator frozen() {
        return qdrant(FROZEN).emulator();
    }

    /** The first node of the failover pool's {@code hosts}. */
    public static QdrantEmulator nodeA() {
        return qdrant(NODE_A).emulator();
    }

    /** The second node of the failover pool's {@code hosts}, which scenario 8 stops and restarts. */
    public static QdrantEmulator nodeB() {
        return qdrant(NODE_B).emulator();
    }
}
