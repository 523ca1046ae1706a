package io.github.qdrantjca.it.app;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Connection factories looked up by JNDI name once each (Payara creates one per lookup). */
final class Factories {

    private static final Map<String, QdrantConnectionFactory> BY_NAME = new ConcurrentHashMap<>();

    private Factories() {}

    static QdrantConnectionFactory named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("query parameter name (a JNDI name) is required");
        }
        return BY_NAME.computeIfAbsent(name, Factories::lookup);
    }

    private static QdrantConnectionFactory lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalArgumentException("nothing bound at " + name + ": " + e, e);
        }
    }
}
