package io.github.qdrantjca.emulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query vector of the AverageVector recommend strategy, per kind as Qdrant builds it: {@code avg(positive) +
 * (avg(positive) - avg(negative))} (just the positive average without negatives) for dense and sparse vectors;
 * for multivectors the positive vectors put together, followed by the negative ones negated.
 */
final class Averages {

    private Averages() {
    }

    /** The search vector (float[], float[][] or sparse) for the examples, already checked against the space. */
    static Object recommendation(VectorSpace space, List<Object> positives, List<Object> negatives) {
        switch (space.kind) {
            case DENSE: {
                float[] avgPositive = dense(positives, space.dim);
                if (negatives.isEmpty()) {
                    return avgPositive;
                }
                float[] avgNegative = dense(negatives, space.dim);
                float[] q = new float[space.dim];
                for (int i = 0; i < q.length; i++) {
                    q[i] = avgPositive[i] + avgPositive[i] - avgNegative[i];
                }
                return q;
            }
            case SPARSE: {
                Map<Integer, Float> avgPositive = sparse(positives);
                if (!negatives.isEmpty()) {
                    Map<Integer, Float> avgNegative = sparse(negatives);
                    Map<Integer, Float> merged = new TreeMap<>(Integer::compareUnsigned);
                    avgPositive.forEach((index, value) -> merged.put(index, value + value));
                    avgNegative.forEach((index, value) -> merged.merge(index, -value, Float::sum));
                    avgPositive = merged;
                }
                int[] indices = new int[avgPositive.size()];
                float[] values = new float[avgPositive.size()];
                int k = 0;
                for (Map.Entry<Integer, Float> e : avgPositive.entrySet()) {
                    indices[k] = e.getKey();
                    values[k++] = e.getValue();
                }
                return new VectorSpace.Sparse(indices, values);
            }
            default: {
                List<float[]> all = new ArrayList<>();
                for (Object p : positives) {
                    all.addAll(List.of(multi(p)));
                }
                for (Object n : negatives) {
                    for (float[] v : multi(n)) {
                        float[] negated = new float[v.length];
                        for (int i = 0; i < v.length; i++) {
                            negated[i] = -v[i];
                        }
                        all.add(negated);
                    }
                }
                return all.toArray(new float[0][]);
            }
        }
    }

    private static float[] dense(List<Object> vectors, int dim) {
        float[] sum = new float[dim];
        for (Object o : vectors) {
            float[] v = (float[]) o;
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
            }
        }
        for (int i = 0; i < dim; i++) {
            sum[i] /= vectors.size();
        }
        return sum;
    }

    /** The component-wise average of sparse vectors, by index (unsigned order). */
    private static Map<Integer, Float> sparse(List<Object> vectors) {
        Map<Integer, Float> sum = new TreeMap<>(Integer::compareUnsigned);
        for (Object o : vectors) {
            VectorSpace.Sparse s = (VectorSpace.Sparse) o;
            for (int i = 0; i < s.indices().length; i++) {
                sum.merge(s.indices()[i], s.values()[i], Float::sum);
            }
        }
        sum.replaceAll((index, value) -> value / vectors.size());
        return sum;
    }

    private static float[][] multi(Object vector) {
        return vector instanceof float[] ? new float[][] {(float[]) vector} : (float[][]) vector;
    }
}
