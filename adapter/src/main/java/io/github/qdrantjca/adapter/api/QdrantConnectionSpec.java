package io.github.qdrantjca.adapter.api;

import jakarta.resource.cci.ConnectionSpec;
import java.util.Objects;

/**
 * Per-request settings for {@link QdrantConnectionFactory#getConnection(QdrantConnectionSpec)}.
 * Two specs are equal when their settings are; the pool only shares a physical connection
 * between requests with equal specs. The API key is confidential: it is never part of
 * {@link #toString()}.
 */
public final class QdrantConnectionSpec implements ConnectionSpec {

    private final String apiKey;

    private QdrantConnectionSpec(String apiKey) {
        this.apiKey = apiKey;
    }

    /** A spec whose connections authenticate with {@code apiKey} instead of the pool's key. */
    public static QdrantConnectionSpec withApiKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("QdrantConnectionSpec apiKey must not be null or blank");
        }
        return new QdrantConnectionSpec(apiKey);
    }

    /** The API key these connections use. */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QdrantConnectionSpec other && Objects.equals(apiKey, other.apiKey);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(apiKey);
    }

    @Override
    public String toString() {
        return "QdrantConnectionSpec[apiKey=****]";
    }
}
