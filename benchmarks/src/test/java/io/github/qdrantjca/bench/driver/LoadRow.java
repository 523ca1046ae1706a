package io.github.qdrantjca.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.ToDoubleFunction;

/** All measured rounds of one client at one concurrency, one mix and one server, in the order run. */
record LoadRow(List<Turn> turns) {

    LoadRow {
        turns = List.copyOf(turns);
    }

    /** This row with {@code turn} added. */
    LoadRow plus(Turn turn) {
        List<Turn> all = new ArrayList<>(turns);
        all.add(turn);
        return new LoadRow(all);
    }

    /** The median and range of {@code figure} over the rounds. */
    Spread spread(ToDoubleFunction<Turn> figure) {
        return Spread.of(turns.stream().mapToDouble(figure).toArray());
    }

    Spread throughput() {
        return spread(Turn::throughput);
    }

    Spread payaraCpu() {
        return spread(Turn::payaraCpuMicrosPerCall);
    }

    Spread emulatorCpu() {
        return spread(Turn::emulatorCpuMicrosPerCall);
    }

    /** The {@code p}-th latency percentile of each round, in milliseconds. */
    Spread latencyMillis(double p) {
        return spread(t -> t.result().percentileMicros(p) / 1_000);
    }

    long calls() {
        return turns.stream().mapToLong(t -> t.result().calls()).sum();
    }

    long errors() {
        return turns.stream().mapToLong(t -> t.result().errors()).sum();
    }

    String firstError() {
        return turns.stream().map(t -> t.result().firstError()).filter(e -> !e.isEmpty()).findFirst().orElse("");
    }

    long ownConnectionsMax() {
        return turns.stream().mapToLong(Turn::ownConnections).max().orElse(0);
    }

    /** The client's own count of the most connections it had open at once (-1 when no turn recorded it). */
    long ownPeakMax() {
        return turns.stream().mapToLong(Turn::ownPeak).max().orElse(-1);
    }

    long serverConnectionsMax() {
        return turns.stream().mapToLong(Turn::serverConnections).max().orElse(0);
    }

    /** RPCs Qdrant received per call the application made, over all rounds. */
    double rpcsPerCall() {
        long attempted = turns.stream().mapToLong(t -> t.result().attempted()).sum();
        return attempted == 0 ? 0 : (double) turns.stream().mapToLong(Turn::rpcs).sum() / attempted;
    }

    void store(Properties p, String prefix) {
        p.setProperty(prefix + "rounds", Integer.toString(turns.size()));
        for (int i = 0; i < turns.size(); i++) {
            turns.get(i).store(p, prefix + i + ".");
        }
    }

    static LoadRow load(Properties p, String prefix) {
        int n = Integer.parseInt(p.getProperty(prefix + "rounds", "0"));
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            turns.add(Turn.load(p, prefix + i + "."));
        }
        return new LoadRow(turns);
    }
}
