package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** Handles from the pool of {@value BenchPool#MAX} ({@link BenchPool#NAME}). */
@ApplicationScoped
public class Pooled extends PooledHandles {

    @Resource(lookup = BenchPool.NAME)
    QdrantConnectionFactory factory;

    @Override
    protected QdrantConnectionFactory factory() {
        return factory;
    }

    @Override
    public String name() {
        return "pooled";
    }
}
