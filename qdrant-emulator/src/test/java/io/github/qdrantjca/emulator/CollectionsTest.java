package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CollectionsTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static QdrantClient client;
    static TestSupport support;

    @BeforeAll
    static void connect() {
        client = QDRANT.newClient();
        support = new TestSupport(client);
    }

    @AfterAll
    static void cleanUp() {
        support.dropAll();
    }

    private static VectorParams params(long size, Distance distance) {
        return VectorParams.newBuilder().setSize(size).setDistance(distance).build();
    }

    @ParameterizedTest
    @EnumSource(value = Distance.class, names = {"Cosine", "Dot", "Euclid", "Manhattan"})
    void createdCollectionReportsGreenStatusAndItsVectorParams(Distance distance) throws Exception {
        String name = support.collection("single", 4, distance);

        CollectionInfo info = get(client.getCollectionInfoAsync(name));

        assertThat(info.getStatus()).isEqualTo(CollectionStatus.Green);
        assertThat(info.getPointsCount()).isZero();
        VectorParams params = info.getConfig().getParams().getVectorsConfig().getParams();
        assertThat(params.getSize()).isEqualTo(4);
        assertThat(params.getDistance()).isEqualTo(distance);
        assertThat(get(client.collectionExistsAsync(name))).isTrue();
        assertThat(get(client.listCollectionsAsync())).contains(name);
    }

    @Test
    void namedVectorsAreReportedByName() throws Exception {
        String name = support.collection("named", Map.of("image", params(3, Distance.Dot),
                "text", params(5, Distance.Cosine)));

        CollectionInfo info = get(client.getCollectionInfoAsync(name));

        Map<String, VectorParams> vectors = info.getConfig().getParams().getVectorsConfig().getParamsMap().getMapMap();
        assertThat(vectors).containsOnlyKeys("image", "text");
        assertThat(vectors.get("image").getSize()).isEqualTo(3);
        assertThat(vectors.get("image").getDistance()).isEqualTo(Distance.Dot);
        assertThat(vectors.get("text").getSize()).isEqualTo(5);
        assertThat(vectors.get("text").getDistance()).isEqualTo(Distance.Cosine);
    }

    @Test
    void creatingAnExistingCollectionIsAlreadyExists() throws Exception {
        String name = support.collection("twice", 2, Distance.Cosine);

        Status status = statusOf(() -> get(client.createCollectionAsync(name, params(2, Distance.Cosine))));

        assertThat(status.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(status.getDescription()).isEqualTo("Wrong input: Collection `" + name + "` already exists!");
    }

    @Test
    void gettingAMissingCollectionIsNotFound() {
        String name = TestSupport.uniqueName("missing");

        Status status = statusOf(() -> get(client.getCollectionInfoAsync(name)));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + name + "` doesn't exist!");
    }

    @Test
    void missingCollectionDoesNotExist() throws Exception {
        assertThat(get(client.collectionExistsAsync(TestSupport.uniqueName("absent")))).isFalse();
    }

    @Test
    void deletingRemovesTheCollectionAndDeletingAgainAnswersFalse() throws Exception {
        String name = support.collection("deleted", 2, Distance.Dot);

        CollectionOperationResponse first = get(client.grpcClient().collections()
                .delete(DeleteCollection.newBuilder().setCollectionName(name).build()));
        CollectionOperationResponse second = get(client.grpcClient().collections()
                .delete(DeleteCollection.newBuilder().setCollectionName(name).build()));

        assertThat(first.getResult()).isTrue();
        assertThat(second.getResult()).isFalse();
        assertThat(get(client.collectionExistsAsync(name))).isFalse();
        assertThat(get(client.listCollectionsAsync())).doesNotContain(name);
    }

    @Test
    void updateOfAnExistingCollectionIsAccepted() throws Exception {
        String name = support.collection("updated", 2, Distance.Dot);

        CollectionOperationResponse response = get(client.grpcClient().collections().update(UpdateCollection
                .newBuilder().setCollectionName(name)
                .setOptimizersConfig(OptimizersConfigDiff.newBuilder().setIndexingThreshold(20000)).build()));

        assertThat(response.getResult()).isTrue();
    }

    @Test
    void updateOfAMissingCollectionIsNotFound() {
        String name = TestSupport.uniqueName("nothing");

        Status status = statusOf(() -> get(client.updateCollectionAsync(
                UpdateCollection.newBuilder().setCollectionName(name).build())));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + name + "` doesn't exist!");
    }

    @Test
    void nameLongerThan255CharactersIsAValidationError() {
        String name = "n".repeat(256);

        Status status = statusOf(() -> get(client.createCollectionAsync(name, params(2, Distance.Dot))));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Validation error in body: [").contains("collection_name")
                .contains("255");
    }

    @Test
    void nameWithSlashIsAValidationError() {
        Status status = statusOf(() -> get(client.createCollectionAsync("a/b", params(2, Distance.Dot))));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Validation error in body: [").contains("collection_name");
    }

    @Test
    void vectorSizeZeroIsAValidationError() {
        String name = TestSupport.uniqueName("size0");
        support.track(name);

        Status status = statusOf(() -> get(client.createCollectionAsync(name, params(0, Distance.Dot))));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Validation error in body: [").contains("size");
    }

    @Test
    void vectorSizeAbove65536IsAValidationError() {
        String name = TestSupport.uniqueName("size_big");
        support.track(name);

        Status status = statusOf(() -> get(client.createCollectionAsync(CreateCollection.newBuilder()
                .setCollectionName(name).setVectorsConfig(VectorsConfig.newBuilder()
                        .setParams(params(65537, Distance.Dot))).build())));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("Validation error in body: [").contains("65536");
    }

    @Test
    void aliasesCanBeCreatedListedRenamedUsedAndDeleted() throws Exception {
        String name = support.collection("aliased", 2, Distance.Dot);
        String alias = TestSupport.uniqueName("alias");
        String renamed = TestSupport.uniqueName("alias_renamed");

        get(client.createAliasAsync(alias, name));
        assertThat(get(client.listCollectionAliasesAsync(name))).containsExactly(alias);
        assertThat(get(client.listAliasesAsync())).contains(AliasDescription.newBuilder().setAliasName(alias)
                .setCollectionName(name).build());
        assertThat(get(client.getCollectionInfoAsync(alias)).getConfig().getParams().getVectorsConfig()
                .getParams().getSize()).isEqualTo(2);

        get(client.renameAliasAsync(alias, renamed));
        assertThat(get(client.listCollectionAliasesAsync(name))).containsExactly(renamed);

        get(client.deleteAliasAsync(renamed));
        assertThat(get(client.listCollectionAliasesAsync(name))).isEmpty();
        Status status = statusOf(() -> get(client.getCollectionInfoAsync(renamed)));
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + renamed + "` doesn't exist!");
    }

    @Test
    void aliasToAMissingCollectionIsNotFound() {
        String missing = TestSupport.uniqueName("ghost");

        Status status = statusOf(() -> get(client.createAliasAsync(TestSupport.uniqueName("alias"), missing)));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).isEqualTo("Not found: Collection `" + missing + "` doesn't exist!");
    }
}
