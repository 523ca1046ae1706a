package io.github.qdrantjca.emulator;

import static io.github.qdrantjca.emulator.TestSupport.get;
import static io.github.qdrantjca.emulator.TestSupport.point;
import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.isNull;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchExceptValues;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.matchText;
import static io.qdrant.client.ConditionFactory.matchValues;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.MinShould;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.ScrollPoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filter semantics, evaluated by scroll over five points with varied payloads. */
class FilterTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static QdrantClient client;
    static TestSupport support;
    static String plain;
    static String indexed;

    @BeforeAll
    static void fill() throws Exception {
        client = QDRANT.newClient();
        support = new TestSupport(client);
        plain = support.collection("filters", 2, Distance.Dot);
        indexed = support.collection("filters_text_index", 2, Distance.Dot);
        for (String c : List.of(plain, indexed)) {
            get(client.upsertAsync(c, List.of(
                    point(1, new float[] {1f, 0f}, Map.of("city", value("London"), "color", value("green"),
                            "n", value(1), "active", value(true), "tags", list(List.of(value("a"), value("b"))),
                            "address", object(Map.of("city", value("Berlin"), "zip", value(10115))),
                            "text", value("the quick brown fox"), "note", nullValue(),
                            "when", value("2024-01-01T00:00:00Z"),
                            "items", list(List.of(object(Map.of("kind", value("x"), "qty", value(1))),
                                    object(Map.of("kind", value("y"), "qty", value(5))))))),
                    point(2, new float[] {1f, 0f}, Map.of("city", value("London"), "color", value("red"),
                            "n", value(2), "active", value(false), "tags", list(List.of()),
                            "address", object(Map.of("city", value("Paris"))), "text", value("lazy dog"),
                            "when", value("2024-06-01T12:00:00Z"),
                            "items", list(List.of(object(Map.of("kind", value("x"), "qty", value(5))))))),
                    point(3, new float[] {1f, 0f}, Map.of("city", value("Berlin"), "color", value("blue"),
                            "n", value(3), "active", value(true), "tags", list(List.of(value("c"))),
                            "text", value("quick dog"))),
                    point(4, new float[] {1f, 0f}, Map.of("city", value("Moscow"), "color", value("red"),
                            "n", value(4.5), "note", value("x"))),
                    point(5, new float[] {1f, 0f}, Map.of()))));
        }
        get(client.createPayloadIndexAsync(indexed, "text", PayloadSchemaType.Text, null, true, null, null));
    }

    @AfterAll
    static void cleanUp() {
        support.dropAll();
    }

    private static Value object(Map<String, Value> fields) {
        return value(fields);
    }

    private static List<Long> ids(String collection, Filter filter) throws Exception {
        List<Long> ids = get(client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(collection)
                .setFilter(filter).setLimit(100).build())).getResultList().stream()
                .map(p -> p.getId().getNum()).toList();
        assertThat(get(client.countAsync(collection, filter, true))).as("count agrees with scroll")
                .isEqualTo(ids.size());
        return ids;
    }

    private static List<Long> must(Condition... conditions) throws Exception {
        return ids(plain, Filter.newBuilder().addAllMust(List.of(conditions)).build());
    }

    @Test
    void mustRequiresEveryCondition() throws Exception {
        assertThat(must(matchKeyword("city", "London"), matchKeyword("color", "red"))).containsExactly(2L);
    }

    @Test
    void shouldRequiresAtLeastOneCondition() throws Exception {
        assertThat(ids(plain, Filter.newBuilder().addShould(matchKeyword("color", "green"))
                .addShould(matchKeyword("color", "blue")).build())).containsExactly(1L, 3L);
    }

    @Test
    void mustNotExcludesMatchingPoints() throws Exception {
        assertThat(ids(plain, Filter.newBuilder().addMustNot(matchKeyword("city", "London")).build()))
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void minShouldRequiresTheMinimumNumberOfConditions() throws Exception {
        Filter filter = Filter.newBuilder().setMinShould(MinShould.newBuilder()
                .addAllConditions(List.of(matchKeyword("city", "London"), matchKeyword("color", "red"),
                        match("active", true))).setMinCount(2)).build();

        assertThat(ids(plain, filter)).containsExactly(1L, 2L);
    }

    @Test
    void matchIntegerAndBool() throws Exception {
        assertThat(must(match("n", 3))).containsExactly(3L);
        assertThat(must(match("active", false))).containsExactly(2L);
    }

    @Test
    void matchKeywordInsideAnArrayMatchesAnyElement() throws Exception {
        assertThat(must(matchKeyword("tags", "b"))).containsExactly(1L);
    }

    @Test
    void matchAnyOfKeywordsAndIntegers() throws Exception {
        assertThat(must(matchKeywords("city", List.of("Berlin", "Moscow")))).containsExactly(3L, 4L);
        assertThat(must(matchValues("n", List.of(1L, 2L)))).containsExactly(1L, 2L);
    }

    @Test
    void matchExceptKeywordsAndIntegers() throws Exception {
        Condition firstFour = hasId(List.of(id(1), id(2), id(3), id(4)));

        assertThat(must(firstFour, matchExceptKeywords("city", List.of("London")))).containsExactly(3L, 4L);
        assertThat(must(hasId(List.of(id(1), id(2), id(3))), matchExceptValues("n", List.of(1L, 3L))))
                .containsExactly(2L);
    }

    @Test
    void matchTextWithoutIndexIsASubstringMatch() throws Exception {
        assertThat(must(matchText("text", "quick"))).containsExactly(1L, 3L);
        assertThat(must(matchText("text", "quick dog"))).containsExactly(3L);
        assertThat(must(matchText("text", "dog quick"))).isEmpty();
    }

    @Test
    void matchTextWithAFullTextIndexMatchesAllWords() throws Exception {
        assertThat(ids(indexed, Filter.newBuilder().addMust(matchText("text", "dog quick")).build()))
                .containsExactly(3L);
        assertThat(ids(indexed, Filter.newBuilder().addMust(matchText("text", "Quick")).build()))
                .containsExactly(1L, 3L);
    }

    @Test
    void rangeOverIntegersAndFloats() throws Exception {
        assertThat(must(range("n", Range.newBuilder().setGte(2).setLt(4.5).build()))).containsExactly(2L, 3L);
        assertThat(must(range("n", Range.newBuilder().setGt(4).build()))).containsExactly(4L);
        assertThat(must(range("n", Range.newBuilder().setLte(1).build()))).containsExactly(1L);
    }

    @Test
    void hasIdSelectsListedPoints() throws Exception {
        assertThat(must(hasId(List.of(id(5), id(1), id(99))))).containsExactly(1L, 5L);
    }

    @Test
    void isEmptyMatchesMissingAndEmptyArrays() throws Exception {
        assertThat(must(isEmpty("tags"))).containsExactly(2L, 4L, 5L);
    }

    @Test
    void isNullMatchesOnlyExplicitNull() throws Exception {
        assertThat(must(isNull("note"))).containsExactly(1L);
    }

    @Test
    void dottedKeysReachIntoObjects() throws Exception {
        assertThat(must(matchKeyword("address.city", "Berlin"))).containsExactly(1L);
        assertThat(must(match("address.zip", 10115))).containsExactly(1L);
    }

    @Test
    void arrayOfObjectsKeysMatchAcrossElementsButNestedConditionsMatchWithinOne() throws Exception {
        assertThat(must(matchKeyword("items[].kind", "x"), match("items[].qty", 5))).containsExactly(1L, 2L);
        assertThat(must(nested("items", Filter.newBuilder().addMust(matchKeyword("kind", "x"))
                .addMust(match("qty", 5)).build()))).containsExactly(2L);
    }

    @Test
    void valuesCountCountsArrayElements() throws Exception {
        assertThat(must(io.qdrant.client.ConditionFactory.valuesCount("tags",
                io.qdrant.client.grpc.Common.ValuesCount.newBuilder().setGte(2).build()))).containsExactly(1L);
    }

    @Test
    void datetimeRangeComparesTimestamps() throws Exception {
        assertThat(must(io.qdrant.client.ConditionFactory.datetimeRange("when",
                io.qdrant.client.grpc.Common.DatetimeRange.newBuilder()
                        .setGte(com.google.protobuf.Timestamp.newBuilder().setSeconds(1709251200L)).build())))
                .containsExactly(2L);
    }

    @Test
    void filtersNest() throws Exception {
        Filter redOrBlue = Filter.newBuilder().addShould(matchKeyword("color", "red"))
                .addShould(matchKeyword("color", "blue")).build();

        assertThat(must(filter(redOrBlue), match("active", true))).containsExactly(3L);
    }
}
