package io.github.qdrantjca.sample.documents;

import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.embedding.Embedder;
import io.github.qdrantjca.sample.qdrant.QdrantCallException;
import io.github.qdrantjca.sample.qdrant.QdrantCalls;
import io.github.qdrantjca.sample.qdrant.QdrantNames;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches documents by meaning. Shows the classic way: the factory injected (from
 * {@link io.github.qdrantjca.sample.qdrant.QdrantFactoryProducer}, which has it by
 * {@code @Resource(lookup = ...)}) and a handle borrowed and closed by try-with-resources. Before
 * anything was indexed (no collection yet) a search finds nothing: an empty list, not an error.
 */
@Stateless
public class SearchService {

    @Inject
    QdrantConnectionFactory qdrant;

    @Inject
    Embedder embedder;

    @Inject
    KnownCollection collection;

    /** The {@code limit} documents closest to {@code query}, best first ({@code limit} 1..{@value Limits#MAX_LIMIT}). */
    public List<SearchHit> search(String query, int limit) {
        if (limit < 1 || limit > Limits.MAX_LIMIT) {
            throw InvalidRequestException.badRequest("limit must be 1.." + Limits.MAX_LIMIT + ", was " + limit);
        }
        SearchPoints request = SearchPoints.newBuilder()
                .setCollectionName(QdrantNames.COLLECTION)
                .addAllVector(embedder.embedAsList(query))
                .setLimit(limit)
                .setWithPayload(enable(true))
                .build();
        List<ScoredPoint> points;
        try (QdrantConnection connection = qdrant.getConnection()) {
            if (!collection.exists()) {
                if (!QdrantCalls.await(connection.client().collectionExistsAsync(QdrantNames.COLLECTION),
                        "check collection " + QdrantNames.COLLECTION)) {
                    return List.of(); // nothing indexed yet
                }
                collection.markExists();
            }
            points = QdrantCalls.await(connection.client().searchAsync(request),
                    "search " + QdrantNames.COLLECTION);
        } catch (ResourceException e) {
            throw new QdrantCallException("no Qdrant connection available: " + e.getMessage(), e, true);
        } catch (QdrantCallException e) {
            if (Status.fromThrowable(e.getCause()).getCode() == Status.Code.NOT_FOUND) {
                collection.forget();
                return List.of(); // the collection is gone (deleted, or Qdrant restarted empty): nothing to find
            }
            throw e;
        }
        List<SearchHit> hits = new ArrayList<>(points.size());
        for (ScoredPoint point : points) {
            String text = point.getPayloadMap().containsKey("text")
                    ? point.getPayloadMap().get("text").getStringValue()
                    : "";
            hits.add(new SearchHit(point.getId().getNum(), point.getScore(), text));
        }
        return hits;
    }
}
