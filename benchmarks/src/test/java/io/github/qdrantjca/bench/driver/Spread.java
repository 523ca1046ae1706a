package io.github.qdrantjca.bench.driver;

import java.util.Arrays;
import java.util.Locale;

/**
 * A figure over the rounds: its median and its range.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the smallest value
 * @param max the largest value
 */
record Spread(double median, double min, double max) {

    /** No rounds. */
    static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN);

    /** The spread of {@code values}; {@link #NONE} when there are none. */
    static Spread of(double... values) {
        if (values.length == 0) {
            return NONE;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1]);
    }

    boolean measured() {
        return !Double.isNaN(median);
    }

    /** Whether the ranges of this and {@code other} share a value: then neither is told apart from the other. */
    boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }

    /** {@code median (min..max)} with {@code format} for each number. */
    String text(String format) {
        return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", median, min, max);
    }
}
