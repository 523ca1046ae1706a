package io.github.qdrantjca.sample.documents;

import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.sample.embedding.TextEmbedder;
import io.github.qdrantjca.sample.qdrant.QdrantCallException;
import io.github.qdrantjca.sample.qdrant.QdrantCalls;
import io.github.qdrantjca.sample.qdrant.QdrantNames;
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
 * {@code @Resource(lookup = ...)}) and a handle borrowed and closed by try-with-resources.
 */
@Stateless
public class SearchService {

    /** Most hits one search returns. */
    public static final int MAX_LIMIT = 100;

    @Inject
    QdrantConnectionFactory qdrant;

    private final TextEmbedder embedder = new TextEmbedder();

    /** The {@code limit} documents closest to {@code query}, best first. */
    public List<SearchHit> search(String query, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        SearchPoints request = SearchPoints.newBuilder()
                .setCollectionName(QdrantNames.COLLECTION)
                .addAllVector(embedder.embedAsList(query))
                .setLimit(limit)
                .setWithPayload(enable(true))
                .build();
        List<ScoredPoint> points;
        try (QdrantConnection connection = qdrant.getConnection()) {
            points = QdrantCalls.await(connection.client().searchAsync(request),
                    "search " + QdrantNames.COLLECTION);
        } catch (ResourceException e) {
            throw new QdrantCallException("no Qdrant connection available: " + e.getMessage(), e, true);
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
