package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionParamsDiff;
import io.qdrant.client.grpc.Collections.QuantizationConfig;
import io.qdrant.client.grpc.Collections.QuantizationConfigDiff;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsDiff;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import java.util.Map;

/** A collection update applied to a configuration: each diff given is merged over what is set, as Qdrant does. */
final class CollectionUpdate {

    private CollectionUpdate() {
    }

    static CollectionConfig apply(CollectionConfig current, UpdateCollection update) {
        CollectionConfig.Builder next = current.toBuilder();
        if (update.hasOptimizersConfig()) {
            next.getOptimizerConfigBuilder().mergeFrom(update.getOptimizersConfig());
        }
        if (update.hasHnswConfig()) {
            next.getHnswConfigBuilder().mergeFrom(update.getHnswConfig());
        }
        if (update.hasParams()) {
            params(next.getParamsBuilder(), update.getParams());
        }
        if (update.hasVectorsConfig()) {
            vectors(next.getParamsBuilder(), update);
        }
        if (update.hasQuantizationConfig()) {
            QuantizationConfig q = quantization(update.getQuantizationConfig());
            if (q == null) {
                next.clearQuantizationConfig();
            } else {
                next.setQuantizationConfig(q);
            }
        }
        if (update.hasSparseVectorsConfig()) {
            io.qdrant.client.grpc.Collections.SparseVectorConfig.Builder sparse =
                    next.getParamsBuilder().getSparseVectorsConfigBuilder();
            for (Map.Entry<String, io.qdrant.client.grpc.Collections.SparseVectorParams> e
                    : update.getSparseVectorsConfig().getMapMap().entrySet()) {
                io.qdrant.client.grpc.Collections.SparseVectorParams old = sparse.getMapMap().get(e.getKey());
                if (old == null) {
                    throw QdrantErrors.wrongInput("Not existing vector name error: " + e.getKey());
                }
                sparse.putMap(e.getKey(), old.toBuilder().mergeFrom(e.getValue()).build());
            }
        }
        if (update.hasStrictModeConfig()) {
            next.getStrictModeConfigBuilder().mergeFrom(update.getStrictModeConfig());
        }
        next.putAllMetadata(update.getMetadataMap());
        return next.build();
    }

    private static void params(CollectionParams.Builder params, CollectionParamsDiff diff) {
        Validation v = new Validation();
        if (diff.hasReplicationFactor()) {
            v.atLeast("params.replication_factor", diff.getReplicationFactor(), 1);
            params.setReplicationFactor(diff.getReplicationFactor());
        }
        if (diff.hasWriteConsistencyFactor()) {
            v.atLeast("params.write_consistency_factor", diff.getWriteConsistencyFactor(), 1);
            params.setWriteConsistencyFactor(diff.getWriteConsistencyFactor());
        }
        v.check();
        if (diff.hasOnDiskPayload()) {
            params.setOnDiskPayload(diff.getOnDiskPayload());
        }
        if (diff.hasReadFanOutFactor()) {
            params.setReadFanOutFactor(diff.getReadFanOutFactor());
        }
        if (diff.hasReadFanOutDelayMs()) {
            params.setReadFanOutDelayMs(diff.getReadFanOutDelayMs());
        }
    }

    private static void vectors(CollectionParams.Builder params, UpdateCollection update) {
        VectorsConfig config = params.getVectorsConfig();
        switch (update.getVectorsConfig().getConfigCase()) {
            case PARAMS: {
                if (!config.hasParams()) {
                    throw QdrantErrors.wrongInput("Not existing vector name error: ");
                }
                params.setVectorsConfig(VectorsConfig.newBuilder()
                        .setParams(merge(config.getParams(), update.getVectorsConfig().getParams())));
                break;
            }
            case PARAMS_MAP: {
                VectorParamsMap.Builder map = config.getParamsMap().toBuilder();
                for (Map.Entry<String, VectorParamsDiff> e : update.getVectorsConfig().getParamsMap().getMapMap()
                        .entrySet()) {
                    VectorParams old = map.getMapMap().get(e.getKey());
                    if (old == null) {
                        throw QdrantErrors.wrongInput("Not existing vector name error: " + e.getKey());
                    }
                    map.putMap(e.getKey(), merge(old, e.getValue()));
                }
                params.setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(map));
                break;
            }
            default:
                break;
        }
    }

    private static VectorParams merge(VectorParams params, VectorParamsDiff diff) {
        VectorParams.Builder b = params.toBuilder();
        if (diff.hasHnswConfig()) {
            b.getHnswConfigBuilder().mergeFrom(diff.getHnswConfig());
        }
        if (diff.hasQuantizationConfig()) {
            QuantizationConfig q = quantization(diff.getQuantizationConfig());
            if (q == null) {
                b.clearQuantizationConfig();
            } else {
                b.setQuantizationConfig(q);
            }
        }
        if (diff.hasOnDisk()) {
            b.setOnDisk(diff.getOnDisk());
        }
        return b.build();
    }

    /** The quantization a diff sets; null when it disables quantization. */
    private static QuantizationConfig quantization(QuantizationConfigDiff diff) {
        switch (diff.getQuantizationCase()) {
            case SCALAR:
                return QuantizationConfig.newBuilder().setScalar(diff.getScalar()).build();
            case PRODUCT:
                return QuantizationConfig.newBuilder().setProduct(diff.getProduct()).build();
            case BINARY:
                return QuantizationConfig.newBuilder().setBinary(diff.getBinary()).build();
            case TURBOQUANT:
                return QuantizationConfig.newBuilder().setTurboquant(diff.getTurboquant()).build();
            case DISABLED:
                return null;
            default:
                throw QdrantErrors.validation("quantization_config: must be set");
        }
    }
}
