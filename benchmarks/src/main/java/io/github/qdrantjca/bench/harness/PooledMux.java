package io.github.qdrantjca.bench.harness;

import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Handles from the pool of {@value BenchPool#MAX} whose connections share gRPC channels
 * ({@code sharedChannels} {@value BenchPool#MUX_CHANNELS}, {@link BenchPool#MUX_NAME}).
 */
@ApplicationScoped
public class PooledMux extends PooledHandles {

    @Resource(lookup = BenchPool.MUX_NAME)
    QdrantConnectionFactory factory;

    @Override
    protected QdrantConnectionFactory factory() {
        return factory;
    }

    @Override
    public String name() {
        return "pooled-mux";
    }
}
