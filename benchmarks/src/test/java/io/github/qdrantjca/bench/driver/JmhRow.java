package io.github.qdrantjca.bench.driver;

import java.util.Locale;
import java.util.Properties;

/**
 * One JMH result in sample-time mode.
 *
 * @param benchmark the method, e.g. {@code BorrowReturnBenchmark.borrowReturn}
 * @param params the parameters as {@code name=value} joined by spaces, or empty
 * @param threads threads that ran it
 * @param samples invocations sampled
 * @param mean mean time per call, microseconds
 * @param p50 median, microseconds
 * @param p90 90th percentile, microseconds
 * @param p99 99th percentile, microseconds
 */
record JmhRow(String benchmark, String params, int threads, long samples, double mean, double p50, double p90,
        double p99) {

    void store(Properties p, String prefix) {
        p.setProperty(prefix + "benchmark", benchmark);
        p.setProperty(prefix + "params", params);
        p.setProperty(prefix + "threads", Integer.toString(threads));
        p.setProperty(prefix + "samples", Long.toString(samples));
        p.setProperty(prefix + "mean", format(mean));
        p.setProperty(prefix + "p50", format(p50));
        p.setProperty(prefix + "p90", format(p90));
        p.setProperty(prefix + "p99", format(p99));
    }

    static JmhRow load(Properties p, String prefix) {
        return new JmhRow(p.getProperty(prefix + "benchmark"), p.getProperty(prefix + "params"),
                Integer.parseInt(p.getProperty(prefix + "threads")), Long.parseLong(p.getProperty(prefix + "samples")),
                Double.parseDouble(p.getProperty(prefix + "mean")), Double.parseDouble(p.getProperty(prefix + "p50")),
                Double.parseDouble(p.getProperty(prefix + "p90")), Double.parseDouble(p.getProperty(prefix + "p99")));
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
