package io.github.qdrantjca.bench.harness;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The alternative: every call on the one injected, shared {@link QdrantClient}. */
@ApplicationScoped
public class SharedClient implements ClientUnderTest {

    @Inject
    QdrantClient client;

    @Override
    public String name() {
        return "shared";
    }

    @Override
    public int search(SearchPoints request) throws Exception {
        return client.searchAsync(request).get().size();
    }

    @Override
    public int get(GetPoints request) throws Exception {
        return client.retrieveAsync(request, null).get().size();
    }

    @Override
    public boolean upsert(UpsertPoints request) throws Exception {
        return client.upsertAsync(request).get().getStatus() == UpdateStatus.Completed;
    }

    @Override
    public long count(CountPoints request) throws Exception {
        return client.countAsync(request.getCollectionName(), request.getFilter(), request.getExact()).get();
    }

    @Override
    public long connectionsOpen() {
        return 1;
    }

    @Override
    public long connectionsPeak() {
        return 1;
    }
}
