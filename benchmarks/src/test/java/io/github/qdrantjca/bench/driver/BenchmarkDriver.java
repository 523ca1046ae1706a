package io.github.qdrantjca.bench.driver;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.github.qdrantjca.bench.harness.Workload.Mix;
import io.github.qdrantjca.launcher.NewerJdk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 *       {@code bench.load.concurrency} (default {@code 1,4,16}), {@code bench.load.mixes} (default
 *       {@code search,cheap}), {@code bench.load.clients} (default all)</li>
 *   <li>{@code bench.payara.jar}, {@code bench.rar}, {@code bench.war}: Payara Micro 6 and the deployables;
 *       {@code bench.payara7.jar}: Payara Micro 7, run beside it on the JDK {@link NewerJdk} finds
 *       ({@code newer.jdk.home}); {@code bench.micro.jvmArgs}: extra options of the server JVMs
 *       (e.g. {@code -XX:StartFlightRecording=...})</li>
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
            List<LoadPart.Server> servers = servers();
            LoadPart.Settings settings = new LoadPart.Settings(servers, Path.of(required("bench.rar")),
                    Path.of(required("bench.war")), workDir, Integer.getInteger("bench.load.rounds", 5),
                    Duration.ofSeconds(Long.getLong("bench.load.warmup.seconds", 1)),
                    Duration.ofSeconds(Long.getLong("bench.load.seconds", 2)),
                    Arrays.stream(System.getProperty("bench.load.concurrency", "1,4,16").split(","))
                            .map(String::trim).mapToInt(Integer::parseInt).toArray(),
                    Arrays.stream(System.getProperty("bench.load.mixes", "search,cheap").split(","))
                            .map(String::trim).map(Mix::of).toList(),
                    clients(System.getProperty("bench.load.clients", "")));
            Map<String, LoadRow> rows = LoadPart.run(settings);
            results.keySet().removeIf(k -> k.toString().startsWith("load."));
            LoadPart.store(rows, results);
            Map<String, String> labels = new LinkedHashMap<>();
            servers.forEach(s -> labels.put(s.key(), s.label()));
            new ReportWriter.Layout(labels, settings.mixes(), settings.concurrency()).store(results);
            for (LoadPart.Server s : servers) {
                results.setProperty("load.server." + s.key() + ".java",
                        Machine.javaVersion(s.javaHome()).lines().findFirst().orElse(""));
            }
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

    /**
     * Payara Micro 6 on the JDK running this; Payara Micro 7 beside it on the JDK of Java 21 or newer
     * that {@link NewerJdk} finds (named by {@code -Dnewer.jdk.home}, else the newest installed). When
     * none is installed, Payara Micro 7 is left out and the console says why; a JDK named that does not
     * qualify fails the run.
     */
    private static List<LoadPart.Server> servers() {
        List<LoadPart.Server> servers = new ArrayList<>();
        servers.add(new LoadPart.Server("micro6", "Payara Micro " + System.getProperty("bench.payara.version", "6")
                + " on Java " + Runtime.version().feature(), Path.of(System.getProperty("java.home")),
                Path.of(required("bench.payara.jar"))));
        String named = System.getProperty(NewerJdk.PROPERTY, "");
        Path home7;
        try {
            home7 = NewerJdk.home();
        } catch (IllegalStateException e) {
            if (!named.isBlank()) {
                throw e;
            }
            System.out.println("[load] Payara Micro 7 left out: " + e.getMessage());
            return servers;
        }
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("version \"(\\d+)")
                .matcher(Machine.javaVersion(home7));
        servers.add(new LoadPart.Server("micro7", "Payara Micro " + System.getProperty("bench.payara7.version", "7")
                + " on Java " + (version.find() ? version.group(1) : "21+"), home7,
                Path.of(required("bench.payara7.jar"))));
        return servers;
    }

    /** The clients named in {@code list} (comma-separated; empty = all), in table order. */
    static List<String> clients(String list) {
        if (list.isBlank()) {
            return LoadPart.CLIENTS;
        }
        List<String> named = Arrays.stream(list.split(",")).map(String::trim).toList();
        for (String name : named) {
            if (!LoadPart.CLIENTS.contains(name)) {
                throw new IllegalArgumentException("bench.load.clients: " + name + " is not one of " + LoadPart.CLIENTS);
            }
        }
        return LoadPart.CLIENTS.stream().filter(named::contains).toList();
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
