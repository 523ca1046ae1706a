package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.GroupId;
import io.qdrant.client.grpc.Points.PointGroup;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.WithLookup;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group-by variants of search, recommend and query: the ranked points are put, best first, into groups by the
 * string or integer values of a payload field (a point with an array of values joins each of its groups); at most
 * {@code limit} groups, each of at most {@code group_size} hits, groups ordered by their best hit. With
 * {@code with_lookup}, each group carries the point of the lookup collection whose id is the group's value.
 */
final class Grouping {

    private Grouping() {
    }

    static void validate(String collection, long limit, long groupSize, String groupBy) {
        Validation v = new Validation().name("collection_name", collection).atLeast("limit", limit, 1)
                .atLeast("group_size", groupSize, 1);
        if (groupBy.isEmpty()) {
            v.error("group_by", "must not be empty");
        }
        v.check();
    }

    /** {@code ranked}: every candidate, best first (ids and scores only). */
    static List<PointGroup> group(Storage storage, CollectionData c, List<ScoredPoint> ranked, String groupBy,
            long groupSize, long limit, WithPayloadSelector withPayload, WithVectorsSelector withVectors,
            WithLookup lookup) {
        CollectionData lookupCollection = null;
        if (lookup != null) {
            new Validation().name("with_lookup.collection", lookup.getCollection()).check();
            lookupCollection = storage.collection(lookup.getCollection());
        }
        Map<GroupId, List<ScoredPoint>> groups = new LinkedHashMap<>();
        for (ScoredPoint p : ranked) {
            Map<String, Value> payload = c.payloadOf(p.getId());
            if (payload == null) {
                continue;
            }
            Set<GroupId> keys = new LinkedHashSet<>();
            for (Value v : Payloads.values(payload, groupBy)) {
                GroupId id = groupId(v);
                if (id != null) {
                    keys.add(id);
                }
            }
            for (GroupId key : keys) {
                List<ScoredPoint> hits = groups.get(key);
                if (hits == null) {
                    if (groups.size() >= limit) {
                        continue;
                    }
                    hits = new ArrayList<>();
                    groups.put(key, hits);
                }
                if (hits.size() < groupSize) {
                    hits.add(p);
                }
            }
        }
        List<PointGroup> out = new ArrayList<>();
        for (Map.Entry<GroupId, List<ScoredPoint>> e : groups.entrySet()) {
            PointGroup.Builder group = PointGroup.newBuilder().setId(e.getKey())
                    .addAllHits(c.render(e.getValue(), withPayload, withVectors));
            if (lookupCollection != null) {
                PointId id = pointId(e.getKey());
                if (id != null) {
                    List<RetrievedPoint> found = lookupCollection.get(List.of(id),
                            lookup.hasWithPayload() ? lookup.getWithPayload()
                                    : WithPayloadSelector.newBuilder().setEnable(true).build(),
                            lookup.hasWithVectors() ? lookup.getWithVectors() : null);
                    if (!found.isEmpty()) {
                        group.setLookup(found.get(0));
                    }
                }
            }
            out.add(group.build());
        }
        return out;
    }

    /** Strings and integers group (non-negative integers as unsigned values, as Qdrant answers); others do not. */
    private static GroupId groupId(Value v) {
        if (v.hasStringValue()) {
            return GroupId.newBuilder().setStringValue(v.getStringValue()).build();
        }
        if (v.hasIntegerValue()) {
            long n = v.getIntegerValue();
            return n >= 0 ? GroupId.newBuilder().setUnsignedValue(n).build()
                    : GroupId.newBuilder().setIntegerValue(n).build();
        }
        return null;
    }

    private static PointId pointId(GroupId id) {
        switch (id.getKindCase()) {
            case UNSIGNED_VALUE:
                return PointId.newBuilder().setNum(id.getUnsignedValue()).build();
            case STRING_VALUE:
                try {
                    return PointIds.canonical(PointId.newBuilder().setUuid(id.getStringValue()).build());
                } catch (io.grpc.StatusRuntimeException notAUuid) {
                    return null;
                }
            default:
                return null;
        }
    }
}
