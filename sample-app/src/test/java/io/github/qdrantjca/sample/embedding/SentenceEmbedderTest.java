package io.github.qdrantjca.sample.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentenceEmbedderTest {

    private static final List<String> DOCUMENTS = List.of(
            "The cat sleeps on the warm windowsill",
            "A storm with heavy rain and strong wind is coming tonight",
            "The football team won the championship final",
            "Qdrant stores vectors and finds the nearest neighbours",
            "Knead the dough and bake the bread for forty minutes",
            "The connection pool limits how many sockets the server opens");

    private static SentenceEmbedder embedder;
    private static List<float[]> vectors;

    @BeforeAll
    static void embedTheDocuments() {
        embedder = new SentenceEmbedder();
        vectors = DOCUMENTS.stream().map(embedder::embed).collect(Collectors.toList());
    }

    @Test
    void vectorsHave384DimensionsAndUnitLength() {
        float[] v = embedder.embed("Qdrant stores vectors");

        assertThat(v).hasSize(SentenceEmbedder.DIMENSIONS);
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void sameTextGivesTheSameVector() {
        assertThat(embedder.embed("Connection pools in Payara")).containsExactly(embedder.embed("Connection pools in Payara"));
    }

    @ParameterizedTest(name = "''{0}'' finds ''{1}'' first")
    @CsvSource({
        "kitten, The cat sleeps on the warm windowsill",
        "weather forecast, A storm with heavy rain and strong wind is coming tonight",
        "soccer match result, The football team won the championship final",
        "similarity search database, Qdrant stores vectors and finds the nearest neighbours",
        "how to make a loaf, Knead the dough and bake the bread for forty minutes",
        "reusing network links to a database, The connection pool limits how many sockets the server opens"
    })
    void aQuerySharingNoWordWithADocumentFindsItFirstWhenItMeansTheSame(String query, String expected) {
        assertThat(sharedWords(query, expected)).as("words the query shares with the document").isEmpty();

        List<String> ranked = rank(query);

        assertThat(ranked.get(0)).as("ranking of '%s': %s", query, ranked).isEqualTo(expected);
    }

    @Test
    void aCommonWordDoesNotPullAnUnrelatedDocumentUp() {
        List<String> ranked = rank("the cat");

        assertThat(ranked.get(0)).isEqualTo(DOCUMENTS.get(0));
        float[] query = embedder.embed("the cat");
        double cat = dot(query, vectors.get(0));
        double football = dot(query, vectors.get(2));
        assertThat(cat - football).as("margin of the cat document over the football one").isGreaterThan(0.2);
    }

    private static List<String> rank(String query) {
        float[] q = embedder.embed(query);
        Map<Integer, Double> scores = IntStream.range(0, DOCUMENTS.size()).boxed()
                .collect(Collectors.toMap(i -> i, i -> dot(q, vectors.get(i))));
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()))
                .map(e -> DOCUMENTS.get(e.getKey()))
                .collect(Collectors.toList());
    }

    private static Set<String> sharedWords(String a, String b) {
        Set<String> words = new HashSet<>(HashedWordsEmbedder.words(a));
        words.retainAll(HashedWordsEmbedder.words(b));
        return words;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
