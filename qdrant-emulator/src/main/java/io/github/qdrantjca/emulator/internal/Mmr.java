package io.github.qdrantjca.emulator.internal;

import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.ScoredPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance as Qdrant 1.18 selects it: among the {@code candidates_limit} nearest points, the most
 * relevant first, then each time the candidate maximising {@code lambda * sim(query, c) - (1 - lambda) * max sim(c,
 * selected)} with {@code lambda = 1 - diversity} (diversity 0.5 by default); points keep their search score.
 */
final class Mmr {

    private Mmr() {
    }

    static List<ScoredPoint> select(CollectionData c, String using, Object query, List<ScoredPoint> candidates,
            float lambda, long limit) {
        VectorSpace space = c.space(using);
        int n = candidates.size();
        if (n < 2) {
            return candidates;
        }
        Object q = prepare(space, space.check(query));
        Object[] vectors = new Object[n];
        float[] relevance = new float[n];
        for (int i = 0; i < n; i++) {
            PointId id = candidates.get(i).getId();
            vectors[i] = c.storedAny(id, using);
            relevance[i] = similarity(space, q, vectors[i]);
        }
        float[][] similarity = new float[n][n];
        boolean[][] known = new boolean[n][n];
        List<Integer> selected = new ArrayList<>();
        boolean[] taken = new boolean[n];
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (relevance[i] > relevance[best]) {
                best = i;
            }
        }
        selected.add(best);
        taken[best] = true;
        while (selected.size() < limit && selected.size() < n) {
            int pick = -1;
            float pickScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                float maxSimilarity = Float.NEGATIVE_INFINITY;
                for (int s : selected) {
                    if (!known[i][s]) {
                        similarity[i][s] = similarity(space, prepare(space, vectors[i]), vectors[s]);
                        known[i][s] = true;
                    }
                    maxSimilarity = Math.max(maxSimilarity, similarity[i][s]);
                }
                float score = lambda * relevance[i] - (1 - lambda) * maxSimilarity;
                if (pick < 0 || score > pickScore) {
                    pick = i;
                    pickScore = score;
                }
            }
            selected.add(pick);
            taken[pick] = true;
        }
        List<ScoredPoint> out = new ArrayList<>(selected.size());
        for (int i : selected) {
            out.add(candidates.get(i));
        }
        return out;
    }

    private static Object prepare(VectorSpace space, Object v) {
        if (v instanceof float[]) {
            return Distances.preprocess(space.distance, (float[]) v);
        }
        if (v instanceof float[][]) {
            float[][] m = (float[][]) v;
            float[][] out = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = Distances.preprocess(space.distance, m[i]);
            }
            return out;
        }
        return v;
    }

    /** The internal (larger is better) similarity of a prepared vector to a stored one. */
    private static float similarity(VectorSpace space, Object a, Object b) {
        if (a instanceof float[]) {
            return Distances.score(space.distance, (float[]) a, (float[]) b, 0);
        }
        if (a instanceof float[][]) {
            float sum = 0f;
            for (float[] x : (float[][]) a) {
                float best = Float.NEGATIVE_INFINITY;
                for (float[] y : (float[][]) b) {
                    best = Math.max(best, Distances.score(space.distance, x, y, 0));
                }
                sum += best;
            }
            return sum;
        }
        VectorSpace.Sparse x = (VectorSpace.Sparse) a;
        VectorSpace.Sparse y = (VectorSpace.Sparse) b;
        float dot = 0f;
        for (int i = 0, j = 0; i < x.indices().length && j < y.indices().length;) {
            int cmp = Integer.compareUnsigned(x.indices()[i], y.indices()[j]);
            if (cmp == 0) {
                dot += x.values()[i++] * y.values()[j++];
            } else if (cmp < 0) {
                i++;
            } else {
                j++;
            }
        }
        return dot;
    }
}
