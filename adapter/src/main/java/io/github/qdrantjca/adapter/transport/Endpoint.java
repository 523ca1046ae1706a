package io.github.qdrantjca.adapter.transport;

/** One Qdrant node. */
public record Endpoint(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
