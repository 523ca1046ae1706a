package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a request asks of its connection: the API key to authenticate with, or {@code null} for the
 * pool's own key. The container only hands a pooled connection to a request with equal request
 * info. The key is never part of {@link #toString()}.
 */
public final class QdrantConnectionRequestInfo implements ConnectionRequestInfo, Serializable {

    private static final long serialVersionUID = 1L;

    /** A request with the pool's configured credentials. */
    public static final QdrantConnectionRequestInfo DEFAULT = new QdrantConnectionRequestInfo(null);

    private final String apiKey;

    private QdrantConnectionRequestInfo(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The request info for {@code spec}; {@link #DEFAULT} for {@code null}. */
    public static QdrantConnectionRequestInfo of(QdrantConnectionSpec spec) {
        return spec == null ? DEFAULT : new QdrantConnectionRequestInfo(spec.apiKey());
    }

    /** Normalises what a container passes back: {@code null} means {@link #DEFAULT}. */
    static QdrantConnectionRequestInfo from(ConnectionRequestInfo info) throws jakarta.resource.ResourceException {
        if (info == null) {
            return DEFAULT;
        }
        if (info instanceof QdrantConnectionRequestInfo qdrant) {
            return qdrant;
        }
        throw new jakarta.resource.ResourceException("Unsupported ConnectionRequestInfo "
                + info.getClass().getName() + "; expected " + QdrantConnectionRequestInfo.class.getName());
    }

    /** The request's own API key, or {@code null} to use the pool's. */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QdrantConnectionRequestInfo other && Objects.equals(apiKey, other.apiKey);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(apiKey);
    }

    @Override
    public String toString() {
        return "QdrantConnectionRequestInfo[apiKey=" + (apiKey == null ? "(pool default)" : "****") + "]";
    }
}
