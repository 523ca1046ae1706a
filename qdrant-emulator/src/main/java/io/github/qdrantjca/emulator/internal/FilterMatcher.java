package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Common.ValuesCount;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Evaluates a Qdrant {@link Filter} against one point (or, inside a nested condition, one array element). */
final class FilterMatcher {

    /** What a filter looks at. {@code id} is null inside a nested condition. */
    interface Candidate {
        PointId id();

        Map<String, Value> payload();

        boolean hasVector(String name);
    }

    private final Set<String> fullTextKeys;
    /** The ids of each has_id condition met so far, as a set (a scan may match on several threads). */
    private final java.util.concurrent.ConcurrentHashMap<io.qdrant.client.grpc.Common.HasIdCondition, Set<PointId>>
            idSets = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param fullTextKeys payload keys with a full-text index: their text matches compare words, not substrings */
    FilterMatcher(Set<String> fullTextKeys) {
        this.fullTextKeys = fullTextKeys;
    }

    /**
     * Rejects, before any point is looked at, invalid geo polygons and conditions that say nothing.
     */
    static void check(Filter filter) {
        List<Condition> all = new java.util.ArrayList<>(filter.getMustList());
        all.addAll(filter.getShouldList());
        all.addAll(filter.getMustNotList());
        all.addAll(filter.getMinShould().getConditionsList());
        for (Condition condition : all) {
            switch (condition.getConditionOneOfCase()) {
                case FIELD: {
                    FieldCondition field = condition.getField();
                    if (field.hasGeoPolygon()) {
                        Geo.validate(field.getGeoPolygon());
                    }
                    if (!(field.hasMatch() || field.hasRange() || field.hasDatetimeRange() || field.hasValuesCount()
                            || field.hasIsEmpty() || field.hasIsNull() || field.hasGeoBoundingBox()
                            || field.hasGeoRadius() || field.hasGeoPolygon())) {
                        throw QdrantErrors.validation("filter.key: at least one condition must be set for field `"
                                + field.getKey() + "`");
                    }
                    break;
                }
                case FILTER:
                    check(condition.getFilter());
                    break;
                case NESTED:
                    check(condition.getNested().getFilter());
                    break;
                case CONDITIONONEOF_NOT_SET:
                    throw QdrantErrors.validation("condition: a condition must be set");
                default:
                    break;
            }
        }
    }

    boolean matches(Filter filter, Candidate c) {
        for (Condition condition : filter.getMustList()) {
            if (!matches(condition, c)) {
                return false;
            }
        }
        for (Condition condition : filter.getMustNotList()) {
            if (matches(condition, c)) {
                return false;
            }
        }
        if (filter.getShouldCount() > 0) {
            boolean any = false;
            for (Condition condition : filter.getShouldList()) {
                if (matches(condition, c)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (filter.hasMinShould()) {
            long hits = 0;
            for (Condition condition : filter.getMinShould().getConditionsList()) {
                if (matches(condition, c)) {
                    hits++;
                }
            }
            return hits >= filter.getMinShould().getMinCount();
        }
        return true;
    }

    private boolean matches(Condition condition, Candidate c) {
        switch (condition.getConditionOneOfCase()) {
            case FIELD:
                return matchesField(condition.getField(), c.payload());
            case IS_EMPTY:
                return isEmpty(c.payload(), condition.getIsEmpty().getKey());
            case IS_NULL:
                return isNull(c.payload(), condition.getIsNull().getKey());
            case HAS_ID: {
                if (c.id() == null) {
                    throw QdrantErrors.badRequest("has_id condition is not supported inside a nested condition");
                }
                return idSets.computeIfAbsent(condition.getHasId(), h -> {
                    Set<PointId> ids = new HashSet<>();
                    for (PointId id : h.getHasIdList()) {
                        ids.add(PointIds.canonical(id));
                    }
                    return ids;
                }).contains(c.id());
            }
            case FILTER:
                return matches(condition.getFilter(), c);
            case NESTED: {
                Filter inner = condition.getNested().getFilter();
                for (Map<String, Value> element : Payloads.objects(c.payload(), condition.getNested().getKey())) {
                    if (matches(inner, new Element(element))) {
                        return true;
                    }
                }
                return false;
            }
            case HAS_VECTOR:
                return c.hasVector(condition.getHasVector().getHasVector());
            default:
                throw QdrantErrors.validation("condition: a condition must be set");
        }
    }

    /** Every part of the field condition must hold (what may be set was checked by {@link #check}). */
    private boolean matchesField(FieldCondition field, Map<String, Value> payload) {
        String key = field.getKey();
        if (field.hasIsEmpty() && isEmpty(payload, key) != field.getIsEmpty()) {
            return false;
        }
        if (field.hasIsNull() && isNull(payload, key) != field.getIsNull()) {
            return false;
        }
        List<Value> values = Payloads.values(payload, key);
        return (!field.hasMatch() || matchesMatch(field.getMatch(), key, values))
                && (!field.hasRange() || anyInRange(field.getRange(), values))
                && (!field.hasDatetimeRange() || anyInDatetimeRange(field.getDatetimeRange(), values))
                && (!field.hasValuesCount() || countMatches(field.getValuesCount(), values.size()))
                && (!field.hasGeoRadius() || Geo.inRadius(field.getGeoRadius(), values))
                && (!field.hasGeoBoundingBox() || Geo.inBox(field.getGeoBoundingBox(), values))
                && (!field.hasGeoPolygon() || Geo.inPolygon(field.getGeoPolygon(), values));
    }

    private boolean matchesMatch(Match match, String key, List<Value> values) {
        switch (match.getMatchValueCase()) {
            case KEYWORD:
                return values.stream().anyMatch(v -> v.hasStringValue() && v.getStringValue().equals(match.getKeyword()));
            case INTEGER:
                return values.stream().anyMatch(v -> v.hasIntegerValue() && v.getIntegerValue() == match.getInteger());
            case BOOLEAN:
                return values.stream().anyMatch(v -> v.hasBoolValue() && v.getBoolValue() == match.getBoolean());
            case KEYWORDS: {
                Set<String> wanted = new HashSet<>(match.getKeywords().getStringsList());
                return values.stream().anyMatch(v -> v.hasStringValue() && wanted.contains(v.getStringValue()));
            }
            case INTEGERS: {
                Set<Long> wanted = new HashSet<>(match.getIntegers().getIntegersList());
                return values.stream().anyMatch(v -> v.hasIntegerValue() && wanted.contains(v.getIntegerValue()));
            }
            case EXCEPT_KEYWORDS: {
                Set<String> excluded = new HashSet<>(match.getExceptKeywords().getStringsList());
                return values.isEmpty()
                        || values.stream().anyMatch(v -> !(v.hasStringValue() && excluded.contains(v.getStringValue())));
            }
            case EXCEPT_INTEGERS: {
                Set<Long> excluded = new HashSet<>(match.getExceptIntegers().getIntegersList());
                return values.isEmpty()
                        || values.stream().anyMatch(v -> !(v.hasIntegerValue() && excluded.contains(v.getIntegerValue())));
            }
            case TEXT:
                return values.stream().anyMatch(v -> v.hasStringValue() && textMatches(key, v.getStringValue(),
                        match.getText(), true));
            case TEXT_ANY:
                return values.stream().anyMatch(v -> v.hasStringValue() && textMatches(key, v.getStringValue(),
                        match.getTextAny(), false));
            case PHRASE:
                return values.stream().anyMatch(v -> v.hasStringValue() && phraseMatches(key, v.getStringValue(),
                        match.getPhrase()));
            default:
                throw QdrantErrors.validation("match: a match value must be set");
        }
    }

    private boolean textMatches(String key, String text, String query, boolean all) {
        if (!fullTextKeys.contains(key)) {
            return text.contains(query);
        }
        Set<String> words = new HashSet<>(words(text));
        List<String> wanted = words(query);
        if (wanted.isEmpty()) {
            return false;
        }
        return all ? words.containsAll(wanted) : wanted.stream().anyMatch(words::contains);
    }

    private boolean phraseMatches(String key, String text, String phrase) {
        if (!fullTextKeys.contains(key)) {
            return text.contains(phrase);
        }
        return (" " + String.join(" ", words(text)) + " ").contains(" " + String.join(" ", words(phrase)) + " ");
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    private static boolean anyInRange(Range range, List<Value> values) {
        for (Value v : values) {
            double x;
            if (v.hasIntegerValue()) {
                x = v.getIntegerValue();
            } else if (v.hasDoubleValue()) {
                x = v.getDoubleValue();
            } else {
                continue;
            }
            if ((!range.hasLt() || x < range.getLt()) && (!range.hasGt() || x > range.getGt())
                    && (!range.hasLte() || x <= range.getLte()) && (!range.hasGte() || x >= range.getGte())) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyInDatetimeRange(io.qdrant.client.grpc.Common.DatetimeRange range, List<Value> values) {
        for (Value v : values) {
            if (!v.hasStringValue()) {
                continue;
            }
            Instant t = parseInstant(v.getStringValue());
            if (t == null) {
                continue;
            }
            if ((!range.hasLt() || t.isBefore(instant(range.getLt())))
                    && (!range.hasGt() || t.isAfter(instant(range.getGt())))
                    && (!range.hasLte() || !t.isAfter(instant(range.getLte())))
                    && (!range.hasGte() || !t.isBefore(instant(range.getGte())))) {
                return true;
            }
        }
        return false;
    }

    private static Instant instant(com.google.protobuf.Timestamp ts) {
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
    }

    /** A payload datetime as Qdrant reads it (RFC 3339, or without offset meaning UTC, or a date); null if none. */
    static Instant parseDatetime(String text) {
        return parseInstant(text);
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms without an offset (UTC)
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try a date only
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean countMatches(ValuesCount count, long n) {
        return (!count.hasLt() || n < count.getLt()) && (!count.hasGt() || n > count.getGt())
                && (!count.hasLte() || n <= count.getLte()) && (!count.hasGte() || n >= count.getGte());
    }

    /** Missing, null, or an empty array. */
    static boolean isEmpty(Map<String, Value> payload, String key) {
        for (Value v : Payloads.values(payload, key)) {
            if (!v.hasNullValue()) {
                return false;
            }
        }
        return true;
    }

    /** Present with the value null. */
    static boolean isNull(Map<String, Value> payload, String key) {
        for (Value v : Payloads.rawValues(payload, key)) {
            if (v.hasNullValue()) {
                return true;
            }
        }
        return false;
    }

    private static final class Element implements Candidate {
        private final Map<String, Value> fields;

        Element(Map<String, Value> fields) {
            this.fields = fields;
        }

        @Override
        public PointId id() {
            return null;
        }

        @Override
        public Map<String, Value> payload() {
            return fields;
        }

        @Override
        public boolean hasVector(String name) {
            return false;
        }
    }
}
