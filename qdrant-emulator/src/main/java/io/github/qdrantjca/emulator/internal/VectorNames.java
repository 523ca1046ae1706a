package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.CreateVectorNameRequest;
import io.qdrant.client.grpc.Points.DeleteVectorNameRequest;
import io.qdrant.client.grpc.Points.DenseVectorCreationConfig;
import io.qdrant.client.grpc.Points.UpdateResult;

/**
 * Adding and removing a named vector of a collection, as Qdrant 1.18 does: creating one that exists with the same
 * configuration changes nothing, with another configuration is an error; deleting a missing one changes nothing.
 */
final class VectorNames {

    private VectorNames() {
    }

    static UpdateResult create(CollectionData c, CreateVectorNameRequest request) {
        String name = request.getVectorName();
        Validation v = new Validation();
        if (name.isEmpty()) {
            v.error("vector_name", "must not be empty");
        }
        if (request.hasSparseConfig()) {
            v.check();
            return createSparse(c, name, request);
        }
        if (!request.hasDenseConfig()) {
            v.error("vector_config", "dense_config or sparse_config must be set");
        }
        DenseVectorCreationConfig dense = request.getDenseConfig();
        VectorParams.Builder params = VectorParams.newBuilder().setSize(dense.getSize())
                .setDistance(dense.getDistance());
        if (dense.hasMultivectorConfig()) {
            params.setMultivectorConfig(dense.getMultivectorConfig());
        }
        if (dense.hasDatatype()) {
            params.setDatatype(dense.getDatatype());
        }
        VectorSpace space = Storage.space(name, params.build(), "dense_config", v);
        v.check();
        CollectionConfig config = c.config();
        VectorsConfig vectors = config.getParams().getVectorsConfig();
        if (vectors.hasParams()) {
            throw QdrantErrors.wrongInput("Collection has a single unnamed vector: named vectors cannot be added");
        }
        if (config.getParams().getSparseVectorsConfig().getMapMap().containsKey(name)) {
            throw QdrantErrors.wrongInput("Vector `" + name + "` already exists as a sparse vector");
        }
        VectorParams existing = vectors.getParamsMap().getMapMap().get(name);
        if (existing != null) {
            if (existing.getSize() == dense.getSize() && existing.getDistance() == dense.getDistance()) {
                return c.addVector(null, config, request.getWait());
            }
            throw QdrantErrors.wrongInput("Vector `" + name + "` already exists with a different configuration");
        }
        CollectionConfig.Builder next = config.toBuilder();
        next.getParamsBuilder().setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(
                VectorParamsMap.newBuilder().putAllMap(vectors.getParamsMap().getMapMap()).putMap(name,
                        params.build())));
        return c.addVector(space, next.build(), request.getWait());
    }

    private static UpdateResult createSparse(CollectionData c, String name, CreateVectorNameRequest request) {
        CollectionConfig config = c.config();
        if (config.getParams().getVectorsConfig().getParamsMap().getMapMap().containsKey(name)) {
            throw QdrantErrors.wrongInput("Vector `" + name + "` already exists as a dense vector");
        }
        io.qdrant.client.grpc.Collections.SparseVectorParams.Builder params =
                io.qdrant.client.grpc.Collections.SparseVectorParams.newBuilder();
        if (request.getSparseConfig().hasModifier()) {
            params.setModifier(request.getSparseConfig().getModifier());
        }
        io.qdrant.client.grpc.Collections.SparseVectorParams existing =
                config.getParams().getSparseVectorsConfig().getMapMap().get(name);
        if (existing != null) {
            if (existing.getModifier() == params.getModifier()) {
                return c.addVector(null, config, request.getWait());
            }
            throw QdrantErrors.wrongInput("Sparse vector `" + name + "` already exists with a different configuration");
        }
        CollectionConfig.Builder next = config.toBuilder();
        next.getParamsBuilder().getSparseVectorsConfigBuilder().putMap(name, params.build());
        return c.addVector(Storage.sparseSpace(name, params.build()), next.build(), request.getWait());
    }

    static UpdateResult delete(CollectionData c, DeleteVectorNameRequest request) {
        CollectionConfig config = c.config();
        VectorsConfig vectors = config.getParams().getVectorsConfig();
        if (config.getParams().getSparseVectorsConfig().getMapMap().containsKey(request.getVectorName())) {
            CollectionConfig.Builder next = config.toBuilder();
            next.getParamsBuilder().getSparseVectorsConfigBuilder().removeMap(request.getVectorName());
            return c.removeVector(request.getVectorName(), next.build(), request.getWait());
        }
        if (!vectors.hasParamsMap() || !vectors.getParamsMap().getMapMap().containsKey(request.getVectorName())) {
            return c.removeVector(null, config, request.getWait());
        }
        CollectionConfig.Builder next = config.toBuilder();
        next.getParamsBuilder().setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(
                VectorParamsMap.newBuilder().putAllMap(vectors.getParamsMap().getMapMap())
                        .removeMap(request.getVectorName())));
        return c.removeVector(request.getVectorName(), next.build(), request.getWait());
    }
}
