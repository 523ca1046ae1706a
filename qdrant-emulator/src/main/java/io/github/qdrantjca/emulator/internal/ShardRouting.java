package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Collections.ShardKey;
import io.qdrant.client.grpc.Collections.ShardingMethod;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.ShardKeySelector;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Shard keys on one node, as Qdrant routes by them: a write lands in the shard keys its {@code shard_key_selector}
 * names (with custom sharding a write must name one), a read with a selector sees only the points of those keys (a
 * read without one sees every key). Unknown keys, and a missing key where one is needed, get Qdrant's errors; a
 * selector with a {@code fallback} uses the fallback when the target key does not exist.
 */
final class ShardRouting {

    private ShardRouting() {
    }

    /** The shard keys a write lands in: none for an auto-sharded collection without a selector. */
    static Set<ShardKey> forWrite(CollectionData c, ShardKeySelector selector) {
        boolean custom = c.config().getParams().getShardingMethod() == ShardingMethod.Custom;
        if (selector == null || (selector.getShardKeysCount() == 0 && !selector.hasFallback())) {
            if (custom) {
                throw QdrantErrors.wrongInput("Shard key not specified");
            }
            return Set.of();
        }
        return resolve(c, selector, true);
    }

    /** {@code filter} (maybe null) narrowed to the points of the selected shard keys; as is without a selector. */
    static Filter forRead(CollectionData c, ShardKeySelector selector, Filter filter) {
        if (selector == null || (selector.getShardKeysCount() == 0 && !selector.hasFallback())) {
            return filter;
        }
        Filter scope = Analytics.hasIds(c.idsIn(resolve(c, selector, false)));
        return filter == null ? scope : Filter.newBuilder().addMust(Condition.newBuilder().setFilter(filter))
                .addMust(Condition.newBuilder().setFilter(scope)).build();
    }

    /**
     * A read request (any with {@code shard_key_selector} and {@code filter} fields) whose filter is narrowed to the
     * points of its shard key selector; the request itself when it has no selector.
     */
    @SuppressWarnings("unchecked")
    static <T extends com.google.protobuf.Message> T scoped(CollectionData c, T request) {
        com.google.protobuf.Descriptors.Descriptor type = request.getDescriptorForType();
        com.google.protobuf.Descriptors.FieldDescriptor selector = type.findFieldByName("shard_key_selector");
        com.google.protobuf.Descriptors.FieldDescriptor filter = type.findFieldByName("filter");
        if (selector == null || filter == null || !request.hasField(selector)) {
            return request;
        }
        Filter narrowed = forRead(c, (ShardKeySelector) request.getField(selector),
                request.hasField(filter) ? (Filter) request.getField(filter) : null);
        return narrowed == null ? request : (T) request.toBuilder().setField(filter, narrowed).build();
    }

    /** The ids a read with {@code selector} may see; null (all) without a selector. */
    static Set<io.qdrant.client.grpc.Common.PointId> visible(CollectionData c, ShardKeySelector selector) {
        if (selector == null || (selector.getShardKeysCount() == 0 && !selector.hasFallback())) {
            return null;
        }
        return c.idsIn(resolve(c, selector, false));
    }

    /** The points a write's selector names, narrowed to the selected shard keys (ids outside them are left out). */
    static PointsSelector forWrite(CollectionData c, ShardKeySelector selector, PointsSelector points) {
        Set<ShardKey> keys = forWrite(c, selector);
        if (keys.isEmpty()) {
            return points;
        }
        Set<io.qdrant.client.grpc.Common.PointId> inKeys = c.idsIn(keys);
        switch (points.getPointsSelectorOneOfCase()) {
            case POINTS: {
                PointsIdsList.Builder ids = PointsIdsList.newBuilder();
                for (io.qdrant.client.grpc.Common.PointId id : points.getPoints().getIdsList()) {
                    if (inKeys.contains(PointIds.canonical(id))) {
                        ids.addIds(id);
                    }
                }
                return PointsSelector.newBuilder().setPoints(ids).build();
            }
            case FILTER:
                return PointsSelector.newBuilder().setFilter(Filter.newBuilder()
                        .addMust(Condition.newBuilder().setFilter(points.getFilter()))
                        .addMust(Condition.newBuilder().setFilter(Analytics.hasIds(inKeys)))).build();
            default:
                return points;
        }
    }

    private static Set<ShardKey> resolve(CollectionData c, ShardKeySelector selector, boolean write) {
        Set<ShardKey> existing = Set.copyOf(c.shardKeys());
        if (selector.hasFallback()) {
            ShardKey target = selector.getShardKeysCount() > 0 ? selector.getShardKeys(0) : null;
            if (target != null && existing.contains(target)) {
                return Set.of(target);
            }
            if (existing.contains(selector.getFallback())) {
                return Set.of(selector.getFallback());
            }
            throw QdrantErrors.notFound("Neither target shard key " + (target == null ? "" : shown(target))
                    + " nor fallback shard key " + shown(selector.getFallback()) + " exist");
        }
        Set<ShardKey> keys = new LinkedHashSet<>();
        for (ShardKey key : selector.getShardKeysList()) {
            if (!existing.contains(key)) {
                String message = "Shard key " + shown(key) + " not found";
                throw write ? QdrantErrors.wrongInput(message) : QdrantErrors.badRequest(message);
            }
            keys.add(key);
        }
        return Set.copyOf(keys);
    }

    /** A shard key as Qdrant prints it: a keyword in double quotes, a number as is. */
    static String shown(ShardKey key) {
        return key.hasKeyword() ? "\"" + key.getKeyword() + "\"" : Long.toUnsignedString(key.getNumber());
    }
}
