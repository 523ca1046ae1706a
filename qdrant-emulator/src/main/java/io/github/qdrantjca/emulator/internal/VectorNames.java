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
        if (!request.hasDenseConfig()) {
            v.check();
            throw QdrantErrors.unsupported("sparse vectors");
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

    static UpdateResult delete(CollectionData c, DeleteVectorNameRequest request) {
        CollectionConfig config = c.config();
        VectorsConfig vectors = config.getParams().getVectorsConfig();
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
