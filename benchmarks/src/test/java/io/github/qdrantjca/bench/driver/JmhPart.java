package io.github.qdrantjca.bench.driver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/** Runs the JMH benchmarks of {@code io.github.qdrantjca.bench.jmh} and turns the results into rows. */
final class JmhPart {

    private JmhPart() {}

    /**
     * Runs every benchmark with the JMH command-line options {@code args} (e.g. {@code -f 1 -wi 3 -i 5 -r 1s}).
     * The forks inherit this JVM's class path.
     */
    static List<JmhRow> run(String args) throws Exception {
        String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(argv))
                .include("io\\.github\\.qdrantjca\\.bench\\.jmh\\..*")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<JmhRow> rows = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Statistics s = result.getPrimaryResult().getStatistics();
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.',
                    params.getBenchmark().lastIndexOf('.') - 1) + 1);
            Map<String, String> values = new TreeMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            StringBuilder text = new StringBuilder();
            values.forEach((k, v) -> text.append(text.length() == 0 ? "" : " ").append(k).append('=').append(v));
            rows.add(new JmhRow(name, text.toString(), params.getThreads(), s.getN(), s.getMean(),
                    s.getPercentile(50), s.getPercentile(90), s.getPercentile(99)));
        }
        return rows;
    }

    static void store(List<JmhRow> rows, Properties p) {
        p.setProperty("jmh.rows", Integer.toString(rows.size()));
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).store(p, "jmh." + i + ".");
        }
    }

    static List<JmhRow> load(Properties p) {
        List<JmhRow> rows = new ArrayList<>();
        int n = Integer.parseInt(p.getProperty("jmh.rows", "0"));
        for (int i = 0; i < n; i++) {
            rows.add(JmhRow.load(p, "jmh." + i + "."));
        }
        return rows;
    }
}
