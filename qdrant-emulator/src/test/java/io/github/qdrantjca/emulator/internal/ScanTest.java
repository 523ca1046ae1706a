package io.github.qdrantjca.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.grpc.Collections.Distance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan behind dense search, against a plain one-at-a-time scoring and sort: the four-at-a-time dot product gives
 * the same floats as {@link Distances#dot}, and a scan cut into parts (on the cores) keeps the same best points, in
 * the same order, ties included. Emulator internals: no server involved.
 */
class ScanTest {

    static final int DIM = 13; // not a multiple of 4: the tail of the dot product counts too

    @Test
    void fourAtATimeDotProductsAreTheSameFloatsAsOneAtATime() {
        Random random = new Random(3);
        float[] q = vector(random, DIM);
        float[] data = vector(random, DIM * 4);
        float[] out = new float[4];

        Distances.dot4(q, data, 0, DIM, 2 * DIM, 3 * DIM, out, 0);

        for (int i = 0; i < 4; i++) {
            assertThat(out[i]).isEqualTo(Distances.dot(q, data, i * DIM));
        }
    }

    @Test
    void aScanInPartsKeepsTheBestPointsOfASinglePassTiesIncluded() {
        int slots = Scan.MIN_PART * 3 + 7;
        VectorSpace space = new VectorSpace("", DIM, Distance.Dot);
        Random random = new Random(5);
        BitSet excluded = new BitSet();
        for (int slot = 0; slot < slots; slot++) {
            if (slot % 11 != 0) { // some slots hold no vector
                float[] v = new float[DIM];
                for (int d = 0; d < DIM; d++) {
                    v[d] = random.nextInt(3) - 1; // small integers: many equal scores
                }
                space.put(slot, v);
            }
            if (slot % 17 == 0) {
                excluded.set(slot);
            }
        }
        float[] query = new float[DIM];
        java.util.Arrays.fill(query, 1f);
        // better: higher score, then the larger slot (standing in for the id)
        TopK.Order order = (a, sa, b, sb) -> sa != sb ? Float.compare(sa, sb) : Integer.compare(a, b);
        Scan scan = new Scan(space);
        scan.query = query;
        scan.excluded = excluded;
        scan.filter = slot -> slot % 5 != 0;

        TopK top = scan.run(slots, 50, order);

        int[] got = new int[top.size()];
        top.drainBestFirst(got, new float[got.length]);
        List<Integer> expected = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            if (space.has(slot) && !excluded.get(slot) && slot % 5 != 0) {
                expected.add(slot);
            }
        }
        expected.sort(Comparator.<Integer>comparingDouble(s -> space.score(query, s)).reversed()
                .thenComparing(Comparator.reverseOrder()));
        assertThat(got).containsExactly(expected.subList(0, 50).stream().mapToInt(Integer::intValue).toArray());
    }

    private static float[] vector(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }
}
