package io.github.qdrantjca.faults.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one server's run, one row per scenario, written as a Markdown table to
 * {@code target/reliability-SERVER.md} (also when scenarios failed: their rows say so).
 */
public final class FaultReport {

    private final String server;
    private final String file;
    private final List<Row> rows = new ArrayList<>();
    private long startNanos;

    /** A report for {@code server} (e.g. "Payara Micro 6.2025.10"), written to {@code target/reliability-<file>.md}. */
    public FaultReport(String server, String file) {
        this.server = server;
        this.file = file;
    }

    /** Starts the row of {@code scenario}; fill it, then {@link Row#passed()}. */
    public synchronized Row row(String scenario) {
        Row row = new Row(scenario);
        if (rows.isEmpty()) {
            startNanos = System.nanoTime();
        }
        rows.add(row);
        return row;
    }

    /** Writes the table; the path written. */
    public synchronized Path write() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(server).append("\n\n");
        md.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", scenarios took ")
                .append(Duration.ofNanos(System.nanoTime() - startNanos).toSeconds()).append(" s (from the first scenario to the end of the last; server start excluded).\n\n");
        md.append("| scenario | result | calls | failed | slowest call (deadline) | first success / all workers OK / "
                + "readiness UP after Qdrant's return | connections at Qdrant at end (pool max) | handles open at end "
                + "| other figures |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.scenario)
                    .append(" | ").append(r.result)
                    .append(" | ").append(r.calls)
                    .append(" | ").append(r.failed)
                    .append(" | ").append(r.slowest)
                    .append(" | ").append(r.recovery)
                    .append(" | ").append(r.connections)
                    .append(" | ").append(r.handles)
                    .append(" | ").append(String.join("; ", r.other).replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        Path path = Path.of("target", "reliability-" + file + ".md");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /** One scenario's figures; "-" where a figure does not apply. */
    public static final class Row {

        private final String scenario;
        private String result = "FAILED (see the test report)";
        private String calls = "-";
        private String failed = "-";
        private String slowest = "-";
        private String recovery = "-";
        private String connections = "-";
        private String handles = "-";
        private final List<String> other = new ArrayList<>();

        private Row(String scenario) {
            this.scenario = scenario;
        }

        /** Calls made and failed by the load. */
        public Row calls(long made, long failures) {
            this.calls = Long.toString(made);
            this.failed = Long.toString(failures);
            return this;
        }

        /** The slowest call against its deadline. */
        public Row slowest(long millis, long deadlineMillis) {
            this.slowest = millis + " ms (" + deadlineMillis + " ms)";
            return this;
        }

        /** Times after Qdrant's return. */
        public Row recovery(long firstSuccessMillis, long allWorkersMillis, long readinessMillis) {
            this.recovery = firstSuccessMillis + " / " + allWorkersMillis + " / " + readinessMillis + " ms";
            return this;
        }

        /** Times after Qdrant's return, where readiness (the load pool's) does not apply. */
        public Row recovery(long firstSuccessMillis, long allWorkersMillis) {
            this.recovery = firstSuccessMillis + " / " + allWorkersMillis + " ms / -";
            return this;
        }

        /** Connections open at Qdrant at the end, against the pool maximum. */
        public Row connections(long open, long poolMax) {
            this.connections = open + " (" + poolMax + ")";
            return this;
        }

        /** Handles left open. */
        public Row handles(long open) {
            this.handles = Long.toString(open);
            return this;
        }

        /** Any other figure, as text. */
        public Row other(String figure) {
            other.add(figure);
            return this;
        }

        /** Marks the scenario passed (call last, after its assertions). */
        public void passed() {
            this.result = "passed";
        }
    }
}
