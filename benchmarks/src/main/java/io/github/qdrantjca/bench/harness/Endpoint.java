package io.github.qdrantjca.bench.harness;

/** Where Qdrant is: the system properties {@code qdrant.host} and {@code qdrant.port} the driver sets. */
final class Endpoint {

    private Endpoint() {}

    static String host() {
        return System.getProperty("qdrant.host", "localhost");
    }

    static int port() {
        return Integer.getInteger("qdrant.port", 6334);
    }
}
