package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantAdapterStatistics;
import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;

/** Our way: one pooled handle per call, borrowed from the container and closed at once. */
public final class PooledHandles implements ClientUnderTest {

    private final String name;
    private final QdrantConnectionFactory factory;

    /** The client {@code name}, borrowing from the container's {@code factory}. */
    PooledHandles(String name, QdrantConnectionFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    private QdrantConnectionFactory factory() {
        return factory;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int search(SearchPoints request) throws Exception {
        try (QdrantConnection c = factory().getConnection()) {
            return c.client().searchAsync(request).get().size();
        }
    }

    @Override
    public int get(GetPoints request) throws Exception {
        try (QdrantConnection c = factory().getConnection()) {
            return c.client().retrieveAsync(request, null).get().size();
        }
    }

    @Override
    public boolean upsert(UpsertPoints request) throws Exception {
        try (QdrantConnection c = factory().getConnection()) {
            return c.client().upsertAsync(request).get().getStatus() == UpdateStatus.Completed;
        }
    }

    @Override
    public long count(CountPoints request) throws Exception {
        try (QdrantConnection c = factory().getConnection()) {
            return c.client().countAsync(request.getCollectionName(), request.getFilter(), request.getExact()).get();
        }
    }

    @Override
    public long connectionsOpen() {
        return factory().statistics().physicalOpen();
    }

    @Override
    public long connectionsPeak() {
        return factory().statistics().physicalOpenPeak();
    }

    /** The pool's counters, for the results. */
    public QdrantAdapterStatistics statistics() {
        return factory().statistics();
    }
}
