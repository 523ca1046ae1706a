package io.github.qdrantjca.adapter.spi;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import jakarta.resource.cci.ConnectionMetaData;
import java.lang.ref.Cleaner;

/**
 * The application's handle on a pooled connection. Its {@link QdrantClient} runs on a
 * {@link HandleScopedChannel}, so every operation of the official client is available, each call
 * is checked against this handle, and no physical channel or client escapes.
 */
public final class QdrantConnectionHandle implements QdrantConnection {

    private final HandleState state;
    private final QdrantClient client;
    private final Cleaner.Cleanable leakWatch;

    QdrantConnectionHandle(HandleState state, QdrantAdapterConfig config, Cleaner leakCleaner) {
        this.state = state;
        this.client = new QdrantClient(QdrantGrpcClient.newBuilder(new HandleScopedChannel(state), false, false)
                .withTimeout(config.callTimeout())
                .build());
        this.leakWatch = leakCleaner == null ? null : leakCleaner.register(this, new HandleState.CollectedUnclosed(state));
    }

    @Override
    public QdrantClient client() {
        state.checkOpen();
        return client;
    }

    @Override
    public ConnectionMetaData metaData() {
        return new QdrantMetaData(state.checkOpen());
    }

    @Override
    public boolean isClosed() {
        return state.isClosed();
    }

    @Override
    public void close() {
        QdrantManagedConnection owner = state.owner();
        if (owner.release(state, "closed by the application")) {
            owner.fireClosed(this);
        }
        if (leakWatch != null) {
            leakWatch.clean();
        }
    }

    HandleState state() {
        return state;
    }

    @Override
    public String toString() {
        return "QdrantConnectionHandle[" + (state.isClosed() ? "closed" : "open") + ", " + state.owner() + "]";
    }
}
