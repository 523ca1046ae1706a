package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pooled clients, one per pool of {@link BenchPool}: {@code pooled} (maximum {@value BenchPool#MAX}),
 * {@code pooled-mux} (the same, {@code sharedChannels} {@value BenchPool#MUX_CHANNELS}), {@code pooled-64}
 * (maximum {@value BenchPool#WIDE_MAX}) and {@code pooled-64-mux}.
 */
@ApplicationScoped
public class PooledPools {

    @Resource(lookup = BenchPool.NAME)
    QdrantConnectionFactory pooled;
    @Resource(lookup = BenchPool.MUX_NAME)
    QdrantConnectionFactory pooledMux;
    @Resource(lookup = BenchPool.WIDE_NAME)
    QdrantConnectionFactory pooledWide;
    @Resource(lookup = BenchPool.WIDE_MUX_NAME)
    QdrantConnectionFactory pooledWideMux;

    private final Map<String, PooledHandles> byName = new LinkedHashMap<>();

    @PostConstruct
    void bind() {
        for (PooledHandles client : new PooledHandles[] {new PooledHandles("pooled", pooled),
                new PooledHandles("pooled-mux", pooledMux), new PooledHandles("pooled-64", pooledWide),
                new PooledHandles("pooled-64-mux", pooledWideMux)}) {
            byName.put(client.name(), client);
        }
    }

    /** The pooled client called {@code name}, or {@code null}. */
    public PooledHandles get(String name) {
        return byName.get(name);
    }

    /** The names, in table order. */
    public String names() {
        return String.join(", ", byName.keySet());
    }
}
