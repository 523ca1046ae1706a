package io.github.qdrantjca.faults.app;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Connection factories by JNDI name, looked up once each (Payara creates a factory per lookup). */
final class Pools {

    private static final Map<String, QdrantConnectionFactory> BY_NAME = new ConcurrentHashMap<>();

    private Pools() {}

    /** The factory bound at {@code jndiName}; lookup errors carry the naming exception's message. */
    static QdrantConnectionFactory named(String jndiName) {
        if (jndiName == null || jndiName.isBlank()) {
            throw new IllegalArgumentException("query parameter pool (a JNDI name) is required");
        }
        return BY_NAME.computeIfAbsent(jndiName, Pools::lookup);
    }

    private static QdrantConnectionFactory lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            IllegalStateException failure = new IllegalStateException("lookup of " + name + " failed: " + Errors.describe(e));
            failure.initCause(e);
            throw failure;
        }
    }
}
