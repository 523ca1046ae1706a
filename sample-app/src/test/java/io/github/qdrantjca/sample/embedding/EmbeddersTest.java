package io.github.qdrantjca.sample.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class EmbeddersTest {

    @Test
    void theSentenceModelIsChosenWhenTheServerHasIt() {
        Embedder chosen = Embedders.choose(EmbeddersTest.class.getClassLoader());

        assertThat(chosen).isInstanceOf(SentenceEmbedder.class);
        assertThat(chosen.name()).isEqualTo("all-minilm-l6-v2-q");
    }

    @Test
    void theHashedWordsEmbedderIsTheFallbackWithoutTheModel() throws Exception {
        try (URLClassLoader withoutModel = new URLClassLoader(new URL[0], null)) {
            Embedder chosen = Embedders.choose(withoutModel);

            assertThat(chosen).isInstanceOf(HashedWordsEmbedder.class);
            assertThat(chosen.dimensions()).isEqualTo(256);
        }
    }
}
