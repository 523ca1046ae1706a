package io.github.qdrantjca.sample.qdrant;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The third way to reach the factory: a plain JNDI lookup, for code that is not injected. The
 * looked-up factory is cached: Payara creates a new factory object on every lookup.
 */
@ApplicationScoped
public class JndiFactoryLocator {

    private volatile QdrantConnectionFactory cached;

    /** The factory bound at {@value QdrantNames#FACTORY}, looked up once. */
    public QdrantConnectionFactory factory() {
        QdrantConnectionFactory factory = cached;
        if (factory == null) {
            factory = lookup(QdrantNames.FACTORY);
            cached = factory;
        }
        return factory;
    }

    /** Looks {@code name} up now, without caching. */
    public static QdrantConnectionFactory lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no Qdrant connection factory bound at " + name
                    + "; deploy qdrant-rar.rar before the application: " + e, e);
        }
    }
}
