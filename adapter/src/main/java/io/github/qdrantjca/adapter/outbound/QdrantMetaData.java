package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.cci.ConnectionMetaData;
import jakarta.resource.spi.ManagedConnectionMetaData;

/** What the container and the application may learn about the Qdrant behind a connection. */
final class QdrantMetaData implements ManagedConnectionMetaData, ConnectionMetaData {

    static final String PRODUCT_NAME = "Qdrant";

    private final QdrantManagedConnection connection;

    QdrantMetaData(QdrantManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public String getEISProductName() {
        return PRODUCT_NAME;
    }

    /** The version Qdrant reported in its health answer when the connection was opened. */
    @Override
    public String getEISProductVersion() {
        return connection.physical().serverVersion();
    }

    /** No limit imposed by the adapter: the container's pool size bounds the connections. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    /** Qdrant authenticates by API key, not by user: always empty. */
    @Override
    public String getUserName() {
        return "";
    }
}
