package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Diagnostic: handles from the pool of {@value BenchPool#WIDE_MAX} whose connections share gRPC channels
 * ({@code sharedChannels} {@value BenchPool#MUX_CHANNELS}, {@link BenchPool#WIDE_MUX_NAME}).
 */
@ApplicationScoped
public class PooledWideMux extends PooledHandles {

    @Resource(lookup = BenchPool.WIDE_MUX_NAME)
    QdrantConnectionFactory factory;

    @Override
    protected QdrantConnectionFactory factory() {
        return factory;
    }

    @Override
    public String name() {
        return "pooled-64-mux";
    }
}
