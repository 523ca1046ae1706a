package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.SnapshotsService.SnapshotDescription;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Snapshots service: create, list and delete, per collection and for the whole storage. */
class SnapshotsTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private QdrantClient client;
    private TestSupport support;

    @BeforeEach
    void setUp() {
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterEach
    void tearDown() {
        support.dropAll();
    }

    @Test
    void aCollectionSnapshotIsCreatedListedAndDeleted() throws Exception {
        String c = support.collection("snap", 2, Distance.Dot);
        get(client.upsertAsync(c, List.of(point(1, 1f, 0f), point(2, 0f, 1f))));

        SnapshotDescription created = get(client.createSnapshotAsync(c));

        assertThat(created.getName()).startsWith(c + "-").endsWith(".snapshot");
        assertThat(created.getSize()).isPositive();
        assertThat(created.getChecksum()).matches("[0-9a-f]{64}");
        assertThat(get(client.listSnapshotAsync(c))).extracting(SnapshotDescription::getName)
                .contains(created.getName());

        get(client.deleteSnapshotAsync(c, created.getName()));

        assertThat(get(client.listSnapshotAsync(c))).extracting(SnapshotDescription::getName)
                .doesNotContain(created.getName());
    }

    @Test
    void deletingAMissingSnapshotIsNotFound() throws Exception {
        String c = support.collection("snap_missing", 2, Distance.Dot);

        Status status = statusOf(() -> get(client.deleteSnapshotAsync(c, "nothing-here.snapshot")));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("nothing-here.snapshot");
    }

    @Test
    void snapshotsOfAMissingCollectionAreNotFound() {
        String missing = TestSupport.uniqueName("no_such");

        Status create = statusOf(() -> get(client.createSnapshotAsync(missing)));
        Status list = statusOf(() -> get(client.listSnapshotAsync(missing)));

        assertThat(create.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(create.getDescription()).isEqualTo("Not found: Collection `" + missing + "` doesn't exist!");
        assertThat(list.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aFullSnapshotIsCreatedListedAndDeletedAndAMissingOneIsNotFound() throws Exception {
        support.collection("snap_full", 2, Distance.Cosine);

        SnapshotDescription full = get(client.createFullSnapshotAsync());

        assertThat(full.getName()).startsWith("full-snapshot-").endsWith(".snapshot");
        assertThat(get(client.listFullSnapshotAsync())).extracting(SnapshotDescription::getName)
                .contains(full.getName());
        get(client.deleteFullSnapshotAsync(full.getName()));
        assertThat(get(client.listFullSnapshotAsync())).extracting(SnapshotDescription::getName)
                .doesNotContain(full.getName());
        Status again = statusOf(() -> get(client.deleteFullSnapshotAsync(full.getName())));
        assertThat(again.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
