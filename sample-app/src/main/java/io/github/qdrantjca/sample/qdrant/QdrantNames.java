package io.github.qdrantjca.sample.qdrant;

/** The names the sample application relies on, in one place. */
public final class QdrantNames {

    /**
     * JNDI name of the connection factory the application uses. It is defined by
     * {@link StandaloneFactoryDefinition} (standalone WAR) or {@link EarFactoryDefinition} (WAR in
     * the sample EAR); both point the pool at {@code ${qdrant.host}:${qdrant.port}}.
     */
    public static final String FACTORY = "java:app/qdrant/Default";

    /** The adapter's name when its .rar is deployed on its own: the .rar file name without extension. */
    public static final String STANDALONE_ADAPTER = "qdrant-rar";

    /** The adapter's name inside the sample EAR ({@code #} = "the module of this application"). */
    public static final String EMBEDDED_ADAPTER = "#qdrant-rar";

    /** The connection-factory interface the pool hands out. */
    public static final String FACTORY_INTERFACE = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory";

    /** The Qdrant collection holding the sample documents. */
    public static final String COLLECTION = "sample_documents";

    private QdrantNames() {}
}
