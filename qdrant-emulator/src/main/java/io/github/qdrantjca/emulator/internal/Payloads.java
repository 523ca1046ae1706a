package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payload paths as Qdrant reads them: {@code a.b} descends into objects (and through arrays of objects),
 * {@code a[]} flattens an array, {@code a[2]} takes one element. Also the nested writes of set/delete payload.
 */
final class Payloads {

    private Payloads() {
    }

    /** The values at {@code path}, arrays at the end flattened one level (a field holding [1,2] gives 1 and 2). */
    static List<Value> values(Map<String, Value> payload, String path) {
        List<Value> raw = rawValues(payload, path);
        List<Value> flat = new ArrayList<>(raw.size());
        for (Value v : raw) {
            if (v.hasListValue()) {
                flat.addAll(v.getListValue().getValuesList());
            } else {
                flat.add(v);
            }
        }
        return flat;
    }

    /** The values at {@code path} as stored, without flattening the last step. */
    static List<Value> rawValues(Map<String, Value> payload, String path) {
        String[] segments = path.split("\\.", -1);
        List<Value> current = new ArrayList<>(1);
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            String name = segment;
            String index = null;
            int bracket = segment.indexOf('[');
            if (bracket >= 0 && segment.endsWith("]")) {
                name = segment.substring(0, bracket);
                index = segment.substring(bracket + 1, segment.length() - 1);
            }
            if (s == 0) {
                Value field = payload.get(name);
                if (field != null) {
                    select(field, index, current);
                }
                continue;
            }
            List<Value> next = new ArrayList<>();
            for (Value v : current) {
                for (Value object : v.hasListValue() ? v.getListValue().getValuesList() : List.of(v)) {
                    if (!object.hasStructValue()) {
                        continue;
                    }
                    Value field = object.getStructValue().getFieldsMap().get(name);
                    if (field != null) {
                        select(field, index, next);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static void select(Value field, String index, List<Value> into) {
        if (index == null) {
            into.add(field);
        } else if (!field.hasListValue()) {
            return;
        } else if (index.isEmpty()) {
            into.addAll(field.getListValue().getValuesList());
        } else {
            try {
                int i = Integer.parseInt(index);
                if (i >= 0 && i < field.getListValue().getValuesCount()) {
                    into.add(field.getListValue().getValues(i));
                }
            } catch (NumberFormatException ignored) {
                // not an index: nothing selected
            }
        }
    }

    /** The objects (as field maps) found at {@code path}, arrays flattened: what a nested condition iterates. */
    static List<Map<String, Value>> objects(Map<String, Value> payload, String path) {
        List<Map<String, Value>> objects = new ArrayList<>();
        for (Value v : values(payload, path)) {
            if (v.hasStructValue()) {
                objects.add(v.getStructValue().getFieldsMap());
            }
        }
        return objects;
    }

    /** {@code payload} with {@code values} merged in at the object {@code key} (created when missing). */
    static Map<String, Value> merge(Map<String, Value> payload, Map<String, Value> values, String key) {
        Map<String, Value> result = new LinkedHashMap<>(payload);
        if (key == null || key.isEmpty()) {
            result.putAll(values);
            return result;
        }
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        String rest = dot < 0 ? null : key.substring(dot + 1);
        Value existing = result.get(head);
        Map<String, Value> inner = existing != null && existing.hasStructValue()
                ? existing.getStructValue().getFieldsMap() : Map.of();
        result.put(head, object(merge(inner, values, rest)));
        return result;
    }

    /** {@code payload} without the fields at the given paths. */
    static Map<String, Value> remove(Map<String, Value> payload, Collection<String> paths) {
        Map<String, Value> result = new LinkedHashMap<>(payload);
        for (String path : paths) {
            removePath(result, path);
        }
        return result;
    }

    private static void removePath(Map<String, Value> map, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            map.remove(path);
            return;
        }
        String head = path.substring(0, dot);
        Value inner = map.get(head);
        if (inner != null && inner.hasStructValue()) {
            Map<String, Value> copy = new LinkedHashMap<>(inner.getStructValue().getFieldsMap());
            removePath(copy, path.substring(dot + 1));
            map.put(head, object(copy));
        } else if (inner != null && inner.hasListValue()) {
            ListValue.Builder list = ListValue.newBuilder();
            for (Value element : inner.getListValue().getValuesList()) {
                if (element.hasStructValue()) {
                    Map<String, Value> copy = new LinkedHashMap<>(element.getStructValue().getFieldsMap());
                    removePath(copy, path.substring(dot + 1));
                    list.addValues(object(copy));
                } else {
                    list.addValues(element);
                }
            }
            map.put(head, Value.newBuilder().setListValue(list).build());
        }
    }

    private static Value object(Map<String, Value> fields) {
        return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }

    /** The payload filtered by a with_payload selector. */
    static Map<String, Value> select(Map<String, Value> payload, io.qdrant.client.grpc.Points.WithPayloadSelector sel) {
        if (sel == null) {
            return Map.of();
        }
        switch (sel.getSelectorOptionsCase()) {
            case ENABLE:
                return sel.getEnable() ? payload : Map.of();
            case INCLUDE: {
                Map<String, Value> out = new LinkedHashMap<>();
                for (String field : sel.getInclude().getFieldsList()) {
                    includePath(payload, field, out);
                }
                return out;
            }
            case EXCLUDE:
                return remove(payload, sel.getExclude().getFieldsList());
            default:
                return Map.of();
        }
    }

    private static void includePath(Map<String, Value> payload, String path, Map<String, Value> out) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            Value v = payload.get(path);
            if (v != null) {
                out.put(path, v);
            }
            return;
        }
        String head = path.substring(0, dot);
        Value inner = payload.get(head);
        if (inner == null || !inner.hasStructValue()) {
            return;
        }
        Value already = out.get(head);
        Map<String, Value> target = new LinkedHashMap<>(already != null && already.hasStructValue()
                ? already.getStructValue().getFieldsMap() : Map.of());
        includePath(inner.getStructValue().getFieldsMap(), path.substring(dot + 1), target);
        if (!target.isEmpty()) {
            out.put(head, object(target));
        }
    }
}
