package io.github.qdrantjca.sample.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HashedWordsEmbedderTest {

    private final HashedWordsEmbedder embedder = new HashedWordsEmbedder();

    @Test
    void vectorsHave256DimensionsAndUnitLength() {
        float[] v = embedder.embed("Qdrant stores vectors");

        assertThat(v).hasSize(256);
        assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void sameTextGivesTheSameVector() {
        assertThat(embedder.embed("Connection pools in Payara"))
                .containsExactly(embedder.embed("connection   POOLS in payara!"));
    }

    @Test
    void sharedWordsScoreHigherThanUnrelatedText() {
        float[] query = embedder.embed("pooled connections to the vector database");
        float[] related = embedder.embed("The pool keeps connections to the vector database open");
        float[] unrelated = embedder.embed("Bake the bread for forty minutes");

        double relatedScore = dot(query, related);
        double unrelatedScore = dot(query, unrelated);

        assertThat(relatedScore).isGreaterThan(0.7);
        assertThat(unrelatedScore).isLessThan(0.3);
    }

    @Test
    void wordFragmentsCountThroughTrigrams() {
        double inflected = dot(embedder.embed("indexing"), embedder.embed("index"));

        assertThat(inflected).isGreaterThan(0.2);
    }

    @Test
    void textWithoutWordsIsRejectedWithTheText() {
        assertThatThrownBy(() -> embedder.embed(" ?! "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text has no words to embed: ' ?! '");
    }

    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigits() {
        assertThat(HashedWordsEmbedder.words("Jakarta EE-10, Qdrant 1.18!"))
                .containsExactly("jakarta", "ee", "10", "qdrant", "1", "18");
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
