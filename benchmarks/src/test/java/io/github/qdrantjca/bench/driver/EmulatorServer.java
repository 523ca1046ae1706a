package io.github.qdrantjca.bench.driver;

import io.github.qdrantjca.bench.harness.Workload;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The emulator as a process of its own, so that its CPU time is its own: seeds the two collections of
 * {@link Workload}, prints {@code ready HOST PORT}, then answers one line per command read from
 * standard input ({@code open}, {@code max}, {@code reset-max}, {@code calls}: the emulator's
 * connection and call counters). Ends when standard input closes (the driver is gone or done).
 */
public final class EmulatorServer {

    private EmulatorServer() {}

    public static void main(String[] args) throws Exception {
        try (QdrantEmulator emulator = QdrantEmulator.builder().build().start()) {
            seed(emulator);
            System.out.println("ready " + emulator.host() + " " + emulator.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println(switch (line.trim()) {
                    case "open" -> Long.toString(emulator.openConnections());
                    case "max" -> Long.toString(emulator.maxOpenConnections());
                    case "calls" -> Long.toString(emulator.callCount());
                    case "reset-max" -> {
                        emulator.resetMaxOpenConnections();
                        yield "ok";
                    }
                    default -> "error: unknown command '" + line + "' (open, max, calls, reset-max)";
                });
                System.out.flush();
            }
        }
    }

    private static void seed(QdrantEmulator emulator) throws Exception {
        try (QdrantClient client = new QdrantClient(QdrantGrpcClient.newBuilder(emulator.host(), emulator.port(),
                false, false).build())) {
            VectorParams vectors = VectorParams.newBuilder().setSize(Workload.DIMENSION).setDistance(Distance.Cosine)
                    .build();
            client.createCollectionAsync(Workload.COLLECTION, vectors).get();
            for (int first = 1; first <= Workload.POINTS; first += 500) {
                client.upsertAsync(Workload.COLLECTION, Workload.points(first, 500, first)).get();
            }
            client.createCollectionAsync(Workload.SMALL_COLLECTION, vectors).get();
            for (int first = 1; first <= Workload.SMALL_POINTS; first += 500) {
                client.upsertAsync(Workload.SMALL_COLLECTION, Workload.smallPoints(first, 500, first)).get();
            }
        }
    }
}
