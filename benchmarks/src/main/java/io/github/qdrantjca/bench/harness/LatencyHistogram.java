package io.github.qdrantjca.bench.harness;

import java.util.Arrays;
import java.util.Properties;

/**
 * Call latencies in logarithmic buckets 1 % wide, so that runs (and workers) merge by adding counts
 * and a percentile read from the merged counts is within 1 % of the exact one. Covers 1 us to
 * about 20 min; faster calls count as 1 us. Not thread-safe: one per worker, merged afterwards.
 */
public final class LatencyHistogram {

    /** Relative width of a bucket. */
    static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final long MIN_NANOS = 1_000;
    private static final int BUCKETS = 2_100;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    /** Records one latency. */
    public void record(long nanos) {
        counts[bucket(nanos)]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    /** Adds every count of {@code other} to this one. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    /** Latencies recorded. */
    public long count() {
        return total;
    }

    /** The slowest latency recorded, exactly. */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * The {@code p}-th percentile (0 < p <= 100), nearest rank: the upper bound of the bucket holding
     * the value at rank ceil(p/100 * count), capped at the maximum; 0 when empty.
     */
    public long percentileNanos(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxNanos);
            }
        }
        return maxNanos;
    }

    static int bucket(long nanos) {
        if (nanos <= MIN_NANOS) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log((double) nanos / MIN_NANOS) / LOG_GROWTH);
        return Math.min(b, BUCKETS - 1);
    }

    static long upperBound(int bucket) {
        return (long) Math.floor(MIN_NANOS * Math.pow(GROWTH, bucket));
    }

    /** Writes the non-empty buckets and the maximum under {@code prefix}. */
    public void store(Properties p, String prefix) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                text.append(text.length() == 0 ? "" : ",").append(i).append(':').append(counts[i]);
            }
        }
        p.setProperty(prefix + "buckets", text.toString());
        p.setProperty(prefix + "maxNanos", Long.toString(maxNanos));
    }

    /** Reads what {@link #store} wrote. */
    public static LatencyHistogram load(Properties p, String prefix) {
        LatencyHistogram h = new LatencyHistogram();
        String text = p.getProperty(prefix + "buckets", "");
        if (!text.isEmpty()) {
            for (String entry : text.split(",")) {
                int colon = entry.indexOf(':');
                long n = Long.parseLong(entry.substring(colon + 1));
                h.counts[Integer.parseInt(entry.substring(0, colon))] += n;
                h.total += n;
            }
        }
        h.maxNanos = Long.parseLong(p.getProperty(prefix + "maxNanos", "0"));
        return h;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + total + ", p50=" + percentileNanos(50) + "ns, max=" + maxNanos + "ns, buckets="
                + Arrays.stream(counts).filter(c -> c != 0).count() + "]";
    }
}
