package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.SnapshotsService.SnapshotDescription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage(dir)}: collections survive a restart and a crash (what was acknowledged with wait=true is on disk),
 * snapshots are files there, and an emulator starts from one. Emulator only by nature (it starts its own).
 */
class PersistenceTest {

    @TempDir
    Path dir;

    private static QdrantClient client(QdrantEmulator e) {
        return new QdrantClient(QdrantGrpcClient.newBuilder(e.host(), e.port(), false, false).build());
    }

    private static void fill(QdrantClient client) throws Exception {
        get(client.createCollectionAsync("kept", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine)
                .build()));
        get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("kept").setWait(true).addAllPoints(List.of(
                point(1, new float[] {3f, 4f}, Map.of("city", value("Berlin"))),
                point(2, new float[] {0f, 1f}, Map.of("city", value("Paris"))))).build()));
        get(client.createPayloadIndexAsync("kept", "city", PayloadSchemaType.Keyword, null, true, null, null));
        get(client.createAliasAsync("kept_alias", "kept"));
        get(client.deleteAsync("kept", List.of(PointIdFactory.id(2))));
    }

    private static void assertFilled(QdrantClient client) throws Exception {
        CollectionInfo info = get(client.getCollectionInfoAsync("kept_alias"));
        assertThat(info.getPointsCount()).isEqualTo(1);
        assertThat(info.getPayloadSchemaMap()).containsKey("city");
        RetrievedPoint p = get(client.retrieveAsync("kept", List.of(PointIdFactory.id(1)), true, true, null)).get(0);
        assertThat(p.getPayloadMap().get("city").getStringValue()).isEqualTo("Berlin");
        assertThat(p.getVectors().getVector().getDense().getDataList()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void collectionsSurviveARestartOnTheSameStorage() throws Exception {
        try (QdrantEmulator first = QdrantEmulator.builder().storage(dir).build().start();
                QdrantClient client = client(first)) {
            fill(client);
        }

        try (QdrantEmulator second = QdrantEmulator.builder().storage(dir).build().start();
                QdrantClient client = client(second)) {
            assertFilled(client);
        }
    }

    @Test
    void aCrashKeepsWhatWasAcknowledgedAndDropsATornLastRecord() throws Exception {
        Path crashed = dir.resolve("crashed");
        try (QdrantEmulator running = QdrantEmulator.builder().storage(dir.resolve("live")).build().start();
                QdrantClient client = client(running)) {
            fill(client);
            // what a process crash leaves: the files as they are now, without the checkpoint that close() writes
            copy(dir.resolve("live"), crashed);
        }
        try (OutputStream log = Files.newOutputStream(crashed.resolve("wal.log"), StandardOpenOption.APPEND)) {
            log.write(new byte[] {8, 0, 4, 'k', 'e'}); // a record cut short by the crash
        }

        try (QdrantEmulator restarted = QdrantEmulator.builder().storage(crashed).build().start();
                QdrantClient client = client(restarted)) {
            assertFilled(client);
        }
    }

    @Test
    void pointsKeepTheirShardKeysInTheLogAndInTheCheckpoint() throws Exception {
        io.qdrant.client.grpc.Collections.ShardKey red =
                io.qdrant.client.grpc.Collections.ShardKey.newBuilder().setKeyword("red").build();
        io.qdrant.client.grpc.Points.ShardKeySelector toRed =
                io.qdrant.client.grpc.Points.ShardKeySelector.newBuilder().addShardKeys(red).build();
        Path crashed = dir.resolve("crashed");
        try (QdrantEmulator running = QdrantEmulator.builder().storage(dir.resolve("live")).build().start();
                QdrantClient client = client(running)) {
            get(client.createCollectionAsync(io.qdrant.client.grpc.Collections.CreateCollection.newBuilder()
                    .setCollectionName("keyed").setShardingMethod(io.qdrant.client.grpc.Collections.ShardingMethod
                            .Custom).setVectorsConfig(io.qdrant.client.grpc.Collections.VectorsConfig.newBuilder()
                            .setParams(VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot))).build()));
            for (String key : List.of("red", "blue")) {
                get(client.createShardKeyAsync(io.qdrant.client.grpc.Collections.CreateShardKeyRequest.newBuilder()
                        .setCollectionName("keyed").setRequest(io.qdrant.client.grpc.Collections.CreateShardKey
                                .newBuilder().setShardKey(io.qdrant.client.grpc.Collections.ShardKey.newBuilder()
                                        .setKeyword(key))).build()));
            }
            get(client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("keyed").setWait(true)
                    .setShardKeySelector(toRed).addPoints(point(1, 1f, 0f)).build()));
            copy(dir.resolve("live"), crashed); // the log holds the point with its key
        }

        for (Path storage : List.of(crashed, dir.resolve("live"))) { // replayed log; checkpoint written by close()
            try (QdrantEmulator restarted = QdrantEmulator.builder().storage(storage).build().start();
                    QdrantClient client = client(restarted)) {
                io.qdrant.client.grpc.Points.CountPoints.Builder count = io.qdrant.client.grpc.Points.CountPoints
                        .newBuilder().setCollectionName("keyed").setExact(true);
                assertThat(get(client.grpcClient().points().count(count.setShardKeySelector(toRed).build()))
                        .getResult().getCount()).as(storage.toString()).isEqualTo(1);
                assertThat(get(client.grpcClient().points().count(count.setShardKeySelector(
                        io.qdrant.client.grpc.Points.ShardKeySelector.newBuilder().addShardKeys(
                                io.qdrant.client.grpc.Collections.ShardKey.newBuilder().setKeyword("blue")))
                        .build())).getResult().getCount()).as(storage.toString()).isZero();
            }
        }
    }

    @Test
    void snapshotsAreFilesInTheStorageAndAnEmulatorStartsFromOne() throws Exception {
        Path snapshot;
        try (QdrantEmulator source = QdrantEmulator.builder().storage(dir).build().start();
                QdrantClient client = client(source)) {
            fill(client);
            SnapshotDescription created = get(client.createSnapshotAsync("kept"));
            snapshot = dir.resolve("snapshots").resolve("kept").resolve(created.getName());
            assertThat(snapshot).isRegularFile().hasSize(created.getSize());
            get(client.upsertAsync("kept", List.of(point(3, 1f, 1f))));
        }

        try (QdrantEmulator restored = QdrantEmulator.builder().storage(dir).restoreSnapshot(snapshot).build().start();
                QdrantClient client = client(restored)) {
            // the storage held "kept" with points 1 and 3 (3 added after the snapshot): the snapshot replaces it
            assertThat(get(client.getCollectionInfoAsync("kept")).getPointsCount()).isEqualTo(1);
            RetrievedPoint p = get(client.retrieveAsync("kept", List.of(PointIdFactory.id(1)), true, false, null))
                    .get(0);
            assertThat(p.getPayloadMap().get("city").getStringValue()).isEqualTo("Berlin");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
