package io.github.qdrantjca.sample.qdrant;

/** The names the sample application relies on, in one place. */
public final class QdrantNames {

    /**
     * The application's own name for its connection factory: a resource reference declared in
     * {@code WEB-INF/web.xml} and mapped per server, so that the same WAR runs everywhere:
     * {@code WEB-INF/payara-web.xml} maps it to {@value #PAYARA_FACTORY} (Payara),
     * {@code WEB-INF/jboss-web.xml} to {@value #WILDFLY_FACTORY} (WildFly).
     */
    public static final String FACTORY = "java:comp/env/qdrant/Default";

    /**
     * Where Payara finds the pool: defined by {@link StandaloneFactoryDefinition} next to a standalone
     * {@code qdrant-rar.rar}, or by the sample EAR's {@code META-INF/glassfish-resources.xml}.
     */
    public static final String PAYARA_FACTORY = "java:app/qdrant/Default";

    /** Where WildFly finds the pool: bound by {@code META-INF/ironjacamar.xml} of {@code qdrant-rar.rar}. */
    public static final String WILDFLY_FACTORY = "java:/qdrant/Default";

    /** The adapter's name when its .rar is deployed on its own: the .rar file name without extension. */
    public static final String STANDALONE_ADAPTER = "qdrant-rar";

    /** The connection-factory interface the pool hands out. */
    public static final String FACTORY_INTERFACE = "io.github.qdrantjca.adapter.api.QdrantConnectionFactory";

    /** The Qdrant collection holding the sample documents. */
    public static final String COLLECTION = "sample_documents";

    private QdrantNames() {}
}
