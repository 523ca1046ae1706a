package io.github.qdrantjca.sample.embedding;

import java.util.ArrayList;
import java.util.List;

/** Turns a text into a vector; texts that mean the same get vectors with a high cosine similarity. */
public interface Embedder {

    /** Short name of the embedder, reported by {@code GET /api/documents}. */
    String name();

    /** Length of every vector {@link #embed} returns (the collection's vector size). */
    int dimensions();

    /** The unit-length vector of {@code text} (a non-blank text of at most a few thousand characters). */
    float[] embed(String text);

    /** {@link #embed(String)}, boxed, as the Qdrant client's list factories take it. */
    default List<Float> embedAsList(String text) {
        float[] vector = embed(text);
        List<Float> boxed = new ArrayList<>(vector.length);
        for (float v : vector) {
            boxed.add(v);
        }
        return boxed;
    }
}
