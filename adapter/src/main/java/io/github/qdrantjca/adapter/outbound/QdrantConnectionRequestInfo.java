package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.Serializable;

/**
 * What a request asks of its connection. The container only hands a pooled connection to a request
 * with equal request info. The key is never part of {@link #toString()}.
 *
 * @param apiKey the API key to authenticate with, or {@code null} for the pool's own key
 */
public record QdrantConnectionRequestInfo(String apiKey) implements ConnectionRequestInfo, Serializable {

    /** A request with the pool's configured credentials. */
    public static final QdrantConnectionRequestInfo DEFAULT = new QdrantConnectionRequestInfo(null);

    /** The request info for {@code spec}; {@link #DEFAULT} for {@code null}. */
    public static QdrantConnectionRequestInfo of(QdrantConnectionSpec spec) {
        return spec == null ? DEFAULT : new QdrantConnectionRequestInfo(spec.apiKey());
    }

    /** Normalises what a container passes back: {@code null} means {@link #DEFAULT}. */
    static QdrantConnectionRequestInfo from(ConnectionRequestInfo info) throws ResourceException {
        if (info == null) {
            return DEFAULT;
        }
        if (info instanceof QdrantConnectionRequestInfo qdrant) {
            return qdrant;
        }
        throw new ResourceException("Unsupported ConnectionRequestInfo " + info.getClass().getName() + "; expected "
                + QdrantConnectionRequestInfo.class.getName());
    }

    @Override
    public String toString() {
        return "QdrantConnectionRequestInfo[apiKey=" + (apiKey == null ? "(pool default)" : "****") + "]";
    }
}
