package io.github.qdrantjca.bench.driver;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Runs the benchmarks and writes {@code docs/benchmarks.md} with its charts. System properties
 * (the {@code benchmarks} profile of the module's pom sets them all):
 * <ul>
 *   <li>{@code bench.parts}: {@code jmh}, {@code load}, both comma-separated, or {@code report} (only
 *       rewrite the document from the saved results)</li>
 *   <li>{@code bench.jmh.args}: JMH command-line options</li>
 *   <li>{@code bench.load.rounds}, {@code bench.load.seconds}, {@code bench.load.warmup.seconds},
 *       {@code bench.load.concurrency} (default {@code 1,4,16,64})</li>
 *   <li>{@code bench.payara.jar}, {@code bench.rar}, {@code bench.war}: the server and the deployables;
 *       {@code bench.micro.jvmArgs}: extra options of the server JVM (e.g. {@code -XX:StartFlightRecording=...})</li>
 *   <li>{@code bench.workdir}: where results ({@code results.properties}) and the server's files go</li>
 *   <li>{@code bench.docs}: the directory of {@code benchmarks.md}; {@code bench.command}: the command
 *       the document names</li>
 * </ul>
 * A part not run keeps its figures from the last saved results, and the document says when each part ran.
 */
public final class BenchmarkDriver {

    private BenchmarkDriver() {}

    public static void main(String[] args) throws Exception {
        Set<String> parts = Set.of(System.getProperty("bench.parts", "jmh,load").split(","));
        Path workDir = Path.of(System.getProperty("bench.workdir", "target/bench-run")).toAbsolutePath();
        Files.createDirectories(workDir);
        Path saved = workDir.resolve("results.properties");
        Properties results = new Properties();
        if (Files.exists(saved)) {
            try (Reader in = Files.newBufferedReader(saved)) {
                results.load(in);
            }
        }

        if (parts.contains("jmh")) {
            String loadBefore = Machine.loadAverage();
            String when = now();
            List<JmhRow> rows = JmhPart.run(System.getProperty("bench.jmh.args", "-f 1 -wi 2 -i 3 -r 1s -w 1s"));
            results.keySet().removeIf(k -> k.toString().startsWith("jmh."));
            JmhPart.store(rows, results);
            results.setProperty("jmh.when", when);
            results.setProperty("jmh.args", System.getProperty("bench.jmh.args", ""));
            results.setProperty("jmh.loadBefore", loadBefore);
            results.setProperty("jmh.loadAfter", Machine.loadAverage());
            save(results, saved);
        }
        if (parts.contains("load")) {
            String loadBefore = Machine.loadAverage();
            String when = now();
            LoadPart.Settings settings = new LoadPart.Settings(
                    Path.of(required("bench.payara.jar")), Path.of(required("bench.rar")), Path.of(required("bench.war")),
                    workDir, Integer.getInteger("bench.load.rounds", 2),
                    Duration.ofSeconds(Long.getLong("bench.load.warmup.seconds", 1)),
                    Duration.ofSeconds(Long.getLong("bench.load.seconds", 3)),
                    java.util.Arrays.stream(System.getProperty("bench.load.concurrency", "1,4,16,64").split(","))
                            .mapToInt(Integer::parseInt).toArray());
            Map<String, LoadRow> rows = LoadPart.run(settings);
            results.keySet().removeIf(k -> k.toString().startsWith("load."));
            LoadPart.store(rows, results);
            results.setProperty("load.when", when);
            results.setProperty("load.rounds", Integer.toString(settings.rounds()));
            results.setProperty("load.warmupSeconds", Long.toString(settings.warmup().toSeconds()));
            results.setProperty("load.measureSeconds", Long.toString(settings.measure().toSeconds()));
            results.setProperty("load.loadBefore", loadBefore);
            results.setProperty("load.loadAfter", Machine.loadAverage());
            save(results, saved);
        }
        Path docs = Path.of(System.getProperty("bench.docs", "../docs")).toAbsolutePath().normalize();
        ReportWriter.write(docs, results, System.getProperty("bench.command",
                "mvn -B -pl benchmarks -am -Pbenchmarks -DskipTests verify"));
        System.out.println("[report] wrote " + docs.resolve("benchmarks.md"));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is required for the load part");
        }
        return value;
    }

    private static void save(Properties results, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            results.store(out, "benchmark results (BenchmarkDriver)");
        }
    }
}
