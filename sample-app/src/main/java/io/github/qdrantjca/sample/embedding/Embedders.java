package io.github.qdrantjca.sample.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides, once per application, which {@link Embedder} the sample uses: the sentence-embedding
 * model when the server has it ({@link SentenceEmbedder}), else the hashed-words fallback, with one
 * INFO line saying so and how to install the model.
 */
@ApplicationScoped
public class Embedders {

    private static final Logger LOG = Logger.getLogger(Embedders.class.getName());

    private volatile Embedder chosen;

    /** The application's embedder. */
    @Produces
    public Embedder embedder() {
        Embedder embedder = chosen;
        if (embedder == null) {
            synchronized (this) {
                embedder = chosen;
                if (embedder == null) {
                    embedder = choose(Embedders.class.getClassLoader());
                    chosen = embedder;
                }
            }
        }
        return embedder;
    }

    /** The sentence embedder when {@code loader} sees the model, else the hashed-words embedder. */
    static Embedder choose(ClassLoader loader) {
        try {
            Class.forName(SentenceEmbedder.MODEL_CLASS, false, loader);
        } catch (ClassNotFoundException e) {
            LOG.info("The sentence-embedding model is not installed on this server: searching by shared words only"
                    + " (hashed-words embedder). Add the model's jars as a server library to search by meaning;"
                    + " see the README, 'The sample application'.");
            return new HashedWordsEmbedder();
        }
        try {
            Embedder sentences = new SentenceEmbedder();
            LOG.info("Embedding texts with " + sentences.name() + " (" + sentences.dimensions() + " dimensions)");
            return sentences;
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "The sentence-embedding model is installed but did not load; searching by shared"
                    + " words only (hashed-words embedder)", e);
            return new HashedWordsEmbedder();
        }
    }
}
