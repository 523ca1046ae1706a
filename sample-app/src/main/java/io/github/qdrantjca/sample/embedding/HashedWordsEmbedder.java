package io.github.qdrantjca.sample.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fallback embedder, used when the sentence-embedding model is not installed on the server
 * ({@link Embedders}): no model, no download. Each word and each character
 * trigram of a word is hashed (FNV-1a) to one of {@link #DIMENSIONS} buckets with a hashed sign;
 * the vector is L2-normalised, so the cosine similarity of two texts grows with the words and
 * word fragments they share ("index" and "indexing" share trigrams, hence score above zero).
 *
 * <p>It finds shared words and word fragments, not meaning: "kitten" does not find a text about a
 * cat. {@link SentenceEmbedder} does.
 */
public final class HashedWordsEmbedder implements Embedder {

    /** Length of every vector this embedder returns. */
    public static final int DIMENSIONS = 256;

    private static final float WORD_WEIGHT = 1.0f;
    private static final float TRIGRAM_WEIGHT = 0.5f;
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    @Override
    public String name() {
        return "hashed-words";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /**
     * The unit-length vector of {@code text}.
     *
     * @throws IllegalArgumentException when the text contains no letter or digit
     */
    @Override
    public float[] embed(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("text has no words to embed: '" + text + "'");
        }
        float[] vector = new float[DIMENSIONS];
        for (String word : words) {
            add(vector, "w:" + word, WORD_WEIGHT);
            String padded = "^" + word + "$";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                add(vector, "t:" + padded.substring(i, i + 3), TRIGRAM_WEIGHT);
            }
        }
        return normalise(vector);
    }

    /** Lower-cased runs of letters and digits. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder current = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                current.append(c);
            } else if (current.length() > 0) {
                words.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }

    private static void add(float[] vector, String feature, float weight) {
        int hash = fnv1a(feature);
        int bucket = Math.floorMod(hash, DIMENSIONS);
        float sign = ((hash >>> 16) & 1) == 0 ? 1f : -1f;
        vector[bucket] += sign * weight;
    }

    private static int fnv1a(String feature) {
        int hash = FNV_OFFSET;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm == 0f) {
            // Every feature cancelled out (possible, not likely): fall back to a fixed unit vector.
            vector[0] = 1f;
            return vector;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}
