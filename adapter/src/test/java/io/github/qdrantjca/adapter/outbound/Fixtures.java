package io.github.qdrantjca.adapter.outbound;

import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.VectorsFactory.vectors;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.SearchPoints;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared set-up of the adapter tests. */
final class Fixtures {

    static final int DIMENSION = 4;

    private Fixtures() {}

    /** A factory pointed at the test server, with short deadlines. */
    static QdrantManagedConnectionFactory mcf(QdrantEmulatorExtension qdrant) {
        return mcf(qdrant.host(), qdrant.port(), qdrant.apiKey());
    }

    static QdrantManagedConnectionFactory mcf(String host, int port, String apiKey) {
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        mcf.setHost(host);
        mcf.setPort(port);
        if (apiKey != null) {
            mcf.setApiKey(apiKey);
        }
        mcf.setCallTimeoutMillis(3_000L);
        mcf.setConnectTimeoutMillis(2_000L);
        mcf.setValidationTimeoutMillis(1_000L);
        return mcf;
    }

    static QdrantConnectionFactory factory(QdrantManagedConnectionFactory mcf, ConnectionManager cm)
            throws ResourceException {
        return (QdrantConnectionFactory) mcf.createConnectionFactory(cm);
    }

    /** Creates {@code name} through an unpooled connection of {@code mcf}, closed again at once. */
    static void createCollection(QdrantManagedConnectionFactory mcf, String name, int points) throws Exception {
        try (QdrantConnection c = ((QdrantConnectionFactory) mcf.createConnectionFactory()).getConnection()) {
            createCollection(c.client(), name, points);
        }
    }

    /** Creates {@code name} with {@code points} points of dimension {@link #DIMENSION}. */
    static void createCollection(QdrantClient client, String name, int points) throws Exception {
        if (client.collectionExistsAsync(name).get()) { // a real Qdrant keeps it from an earlier run
            client.deleteCollectionAsync(name).get();
        }
        client.createCollectionAsync(name,
                VectorParams.newBuilder().setSize(DIMENSION).setDistance(Distance.Cosine).build()).get();
        List<PointStruct> list = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            list.add(PointStruct.newBuilder()
                    .setId(id(i + 1))
                    .setVectors(vectors(1f + i, 0.5f * i, (float) Math.sin(i), 1f))
                    .build());
        }
        client.upsertAsync(name, list).get();
    }

    static SearchPoints search(String collection) {
        return SearchPoints.newBuilder()
                .setCollectionName(collection)
                .addAllVector(List.of(1f, 0.5f, 0.2f, 1f))
                .setLimit(3)
                .build();
    }

    /** Counts the connection events a managed connection fires. */
    static class RecordingListener implements ConnectionEventListener {
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final List<ConnectionEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event);
            closed.incrementAndGet();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event);
            errors.incrementAndGet();
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {}

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {}

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {}
    }
}
