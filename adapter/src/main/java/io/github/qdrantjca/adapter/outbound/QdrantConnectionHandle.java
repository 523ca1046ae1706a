package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import jakarta.resource.cci.ConnectionMetaData;
import java.lang.ref.Cleaner;
import java.time.Duration;

/**
 * The application's handle on a pooled connection. Its {@link QdrantClient} runs on a
 * {@link HandleScopedChannel}, so every operation of the official client is available, each call
 * is checked against this handle, and no physical channel or client escapes.
 */
public final class QdrantConnectionHandle implements QdrantConnection {

    private final HandleState state;
    private final Duration callTimeout;
    private final Cleaner.Cleanable leakWatch;
    private volatile QdrantClient client; // built on first client() call, not for every borrow

    QdrantConnectionHandle(HandleState state, QdrantAdapterConfig config, Cleaner leakCleaner) {
        this.state = state;
        this.callTimeout = config.callTimeout();
        this.leakWatch = leakCleaner == null ? null : leakCleaner.register(this, state::collectedUnclosed);
    }

    @Override
    public QdrantClient client() {
        state.checkOpen();
        QdrantClient c = client;
        if (c == null) {
            // Two threads may both build one; either is fine (it holds nothing physical) and one wins.
            c = new QdrantClient(QdrantGrpcClient.newBuilder(new HandleScopedChannel(state), false, false)
                    .withTimeout(callTimeout)
                    .build());
            client = c;
        }
        return c;
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
        QdrantManagedConnection owner = QdrantManagedConnection.release(state, "closed by the application");
        if (owner != null) {
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
