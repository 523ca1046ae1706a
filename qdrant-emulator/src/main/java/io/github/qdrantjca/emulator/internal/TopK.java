package io.github.qdrantjca.emulator.internal;

import java.util.Arrays;

/**
 * The best {@code k} (slot, score) pairs seen, kept in a heap of primitive arrays whose root is the worst kept
 * pair. "Better" is decided by the caller's {@link Order}: higher internal score, then the tie rule.
 */
final class TopK {

    /**
     * Orders candidates: positive when (slotA, scoreA) is better than (slotB, scoreB). Ranks by score first (as
     * {@link Float#compare} does: a larger score is better), so that a score below the worst kept one is turned away
     * without asking the order.
     */
    interface Order {
        int compare(int slotA, float scoreA, int slotB, float scoreB);
    }

    private final long k;
    private final Order order;
    private int[] slots;
    private float[] scores;
    private int size;

    TopK(long k, Order order) {
        this.k = k;
        this.order = order;
        int capacity = (int) Math.max(1, Math.min(k, 1024));
        this.slots = new int[capacity];
        this.scores = new float[capacity];
    }

    void offer(int slot, float score) {
        if (size < k) {
            if (size == slots.length) {
                int capacity = (int) Math.min(k, (long) slots.length * 2);
                slots = Arrays.copyOf(slots, capacity);
                scores = Arrays.copyOf(scores, capacity);
            }
            int i = size++;
            slots[i] = slot;
            scores[i] = score;
            siftUp(i);
        } else if (k > 0 && !(score < scores[0]) && order.compare(slot, score, slots[0], scores[0]) > 0) {
            slots[0] = slot;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Offers every pair {@code other} keeps (the union of two heaps keeps the best {@code k} of both). */
    void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.slots[i], other.scores[i]);
        }
    }

    int size() {
        return size;
    }

    /** Empties the heap into {@code outSlots}/{@code outScores} (length {@link #size()}), best first. */
    void drainBestFirst(int[] outSlots, float[] outScores) {
        for (int i = size - 1; i >= 0; i--) {
            outSlots[i] = slots[0];
            outScores[i] = scores[0];
            size--;
            slots[0] = slots[size];
            scores[0] = scores[size];
            siftDown(0);
        }
    }

    private boolean worse(int a, int b) {
        return order.compare(slots[a], scores[a], slots[b], scores[b]) < 0;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(right, left)) {
                worst = right;
            }
            if (!worse(worst, i)) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int ts = slots[a];
        slots[a] = slots[b];
        slots[b] = ts;
        float tf = scores[a];
        scores[a] = scores[b];
        scores[b] = tf;
    }
}
