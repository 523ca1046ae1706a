package io.github.qdrantjca.bench.harness;

import java.util.Properties;

/**
 * What measured runs of one client at one concurrency gave; runs of the same client and
 * concurrency {@link #plus merge}. Travels from the harness to the driver as {@link Properties} text.
 *
 * @param client the client's name
 * @param concurrency workers that ran at once
 * @param errors calls that failed or returned a wrong answer
 * @param elapsedNanos total length of the measured windows
 * @param latencies every call's latency (errors included)
 * @param firstError the first error's description, or empty
 * @param attempted calls started, warm-up included (to compare with the RPCs the server received)
 */
public record LoadResult(String client, int concurrency, long errors, long elapsedNanos,
        LatencyHistogram latencies, String firstError, long attempted) {

    /** Calls completed in the measured windows. */
    public long calls() {
        return latencies.count();
    }

    /** Calls per second over the measured windows. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : calls() * 1e9 / elapsedNanos;
    }

    /** The {@code p}-th latency percentile in microseconds. */
    public double percentileMicros(double p) {
        return latencies.percentileNanos(p) / 1_000.0;
    }

    /** This and {@code other} (same client and concurrency) as one result. */
    public LoadResult plus(LoadResult other) {
        if (!client.equals(other.client) || concurrency != other.concurrency) {
            throw new IllegalArgumentException("cannot merge " + client + "@" + concurrency + " with "
                    + other.client + "@" + other.concurrency);
        }
        LatencyHistogram merged = new LatencyHistogram();
        merged.add(latencies);
        merged.add(other.latencies);
        return new LoadResult(client, concurrency, errors + other.errors, elapsedNanos + other.elapsedNanos, merged,
                firstError.isEmpty() ? other.firstError : firstError, attempted + other.attempted);
    }

    /** Writes this result under {@code prefix}. */
    public void store(Properties p, String prefix) {
        p.setProperty(prefix + "client", client);
        p.setProperty(prefix + "concurrency", Integer.toString(concurrency));
        p.setProperty(prefix + "errors", Long.toString(errors));
        p.setProperty(prefix + "elapsedNanos", Long.toString(elapsedNanos));
        p.setProperty(prefix + "firstError", firstError);
        p.setProperty(prefix + "attempted", Long.toString(attempted));
        latencies.store(p, prefix + "latency.");
    }

    /** Reads what {@link #store} wrote. */
    public static LoadResult load(Properties p, String prefix) {
        return new LoadResult(p.getProperty(prefix + "client"),
                Integer.parseInt(p.getProperty(prefix + "concurrency")),
                Long.parseLong(p.getProperty(prefix + "errors")),
                Long.parseLong(p.getProperty(prefix + "elapsedNanos")),
                LatencyHistogram.load(p, prefix + "latency."),
                p.getProperty(prefix + "firstError", ""),
                Long.parseLong(p.getProperty(prefix + "attempted", "0")));
    }
}
