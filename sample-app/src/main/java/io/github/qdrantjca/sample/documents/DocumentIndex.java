package io.github.qdrantjca.sample.documents;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.sample.embedding.Embedder;
import io.github.qdrantjca.sample.qdrant.ManagedHandle;
import io.github.qdrantjca.sample.qdrant.QdrantCallException;
import io.github.qdrantjca.sample.qdrant.QdrantCalls;
import io.github.qdrantjca.sample.qdrant.QdrantNames;
import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes documents to Qdrant through the request's CDI-managed handle ({@link ManagedHandle}):
 * this bean never opens or closes a connection itself.
 */
@RequestScoped
public class DocumentIndex {

    @Inject
    @ManagedHandle
    QdrantConnection qdrant;

    @Inject
    Embedder embedder;

    @Inject
    KnownCollection collection;

    /**
     * Embeds and upserts {@code documents} (checked by the caller: ids unique, texts within
     * {@link Limits}; same id as a stored document = replaced), creating the collection first if
     * needed.
     *
     * @return the number of points in the collection afterwards
     */
    public long index(List<Document> documents) {
        List<PointStruct> points = new ArrayList<>(documents.size());
        for (Document document : documents) {
            points.add(PointStruct.newBuilder()
                    .setId(id(document.getId()))
                    .setVectors(vectors(embedder.embed(document.getText())))
                    .putAllPayload(Map.of("text", value(document.getText())))
                    .build());
        }
        ensureCollection();
        try {
            upsert(points);
        } catch (QdrantCallException e) {
            if (Status.fromThrowable(e.getCause()).getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            // the collection is gone (deleted, or Qdrant restarted empty): create it again, once
            collection.forget();
            ensureCollection();
            upsert(points);
        }
        return count();
    }

    private void upsert(List<PointStruct> points) {
        QdrantCalls.await(qdrant.client().upsertAsync(QdrantNames.COLLECTION, points),
                "upsert into " + QdrantNames.COLLECTION);
    }

    /** Points in the collection; 0 when it does not exist yet. */
    public long count() {
        boolean exists = QdrantCalls.await(qdrant.client().collectionExistsAsync(QdrantNames.COLLECTION),
                "check collection " + QdrantNames.COLLECTION);
        if (!exists) {
            return 0;
        }
        return QdrantCalls.await(qdrant.client().countAsync(QdrantNames.COLLECTION),
                "count " + QdrantNames.COLLECTION);
    }

    private void ensureCollection() {
        if (collection.exists()) {
            return;
        }
        boolean exists = QdrantCalls.await(qdrant.client().collectionExistsAsync(QdrantNames.COLLECTION),
                "check collection " + QdrantNames.COLLECTION);
        if (exists) {
            collection.markExists();
            return;
        }
        VectorParams params = VectorParams.newBuilder()
                .setSize(embedder.dimensions())
                .setDistance(Distance.Cosine)
                .build();
        try {
            QdrantCalls.await(qdrant.client().createCollectionAsync(QdrantNames.COLLECTION, params),
                    "create collection " + QdrantNames.COLLECTION);
        } catch (QdrantCallException e) {
            // Another request created it in between: that is what we wanted.
            if (Status.fromThrowable(e.getCause()).getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        collection.markExists();
    }
}
