package io.github.qdrantjca.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.bench.harness.LatencyHistogram;
import io.github.qdrantjca.bench.harness.LoadResult;
import io.github.qdrantjca.bench.harness.Workload.Mix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    private static final ReportWriter.Layout LAYOUT = new ReportWriter.Layout(Map.of("micro6", "Payara Micro 6"),
            List.of(Mix.CHEAP), new int[] {1, 16});

    /** One second of 1,000 calls of 1 ms, the server's CPU {@code cpuMicrosPerCall} per call. */
    private static Turn turn(String client, int concurrency, double cpuMicrosPerCall, long errors) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1_000; i++) {
            h.record(1_000_000);
        }
        return new Turn(new LoadResult(client, concurrency, errors, 1_000_000_000L, h, "", 1_000),
                Math.round(cpuMicrosPerCall * 1_000 * 1_000), 50_000_000L, 8, 10, 8, 1_000);
    }

    /** Rounds of {@code client} at {@code concurrency}, one per CPU-per-call value. */
    private static void put(Map<String, LoadRow> load, String client, int concurrency, double... cpu) {
        List<Turn> turns = new ArrayList<>();
        for (double c : cpu) {
            turns.add(turn(client, concurrency, c, 0));
        }
        load.put(LoadPart.key("micro6", Mix.CHEAP, client, concurrency), new LoadRow(turns));
    }

    private static Map<String, LoadRow> sharedAt100() {
        Map<String, LoadRow> load = new LinkedHashMap<>();
        put(load, "shared", 1, 99, 100, 101);
        put(load, "shared", 16, 99, 100, 101);
        return load;
    }

    @Test
    void aTargetIsMetWhenTheMedianRatioIsWithinTheLimitAtEveryLevel() {
        Map<String, LoadRow> load = sharedAt100();
        put(load, "pooled-64-mux", 1, 102, 103, 110);
        put(load, "pooled-64-mux", 16, 98, 101, 104);
        assertThat(ReportWriter.met(load, LAYOUT, "micro6", Mix.CHEAP, ReportWriter.WIDE_MUX_TARGET)).isEqualTo("yes");
        ReportWriter.Ratio highest = ReportWriter.highestCpuRatio(load, LAYOUT, "micro6", Mix.CHEAP, "pooled-64-mux");
        assertThat(highest.ratio()).isEqualTo(1.03);
        assertThat(highest.concurrency()).isEqualTo(1);
    }

    @Test
    void aRatioAboveTheLimitWithSeparateRangesMissesTheTarget() {
        Map<String, LoadRow> load = sharedAt100();
        put(load, "pooled", 1, 100, 101, 101);
        put(load, "pooled", 16, 105, 106, 108);
        assertThat(ReportWriter.met(load, LAYOUT, "micro6", Mix.CHEAP, ReportWriter.DEFAULT_TARGET)).isEqualTo("**no**");
    }

    @Test
    void aRatioAboveTheLimitWhoseRangeOverlapsSharedsIsReportedAsWithinNoiseNotAsMissed() {
        Map<String, LoadRow> load = sharedAt100();
        put(load, "pooled", 1, 100, 101, 101);
        put(load, "pooled", 16, 100.5, 106, 108);
        assertThat(ReportWriter.met(load, LAYOUT, "micro6", Mix.CHEAP, ReportWriter.DEFAULT_TARGET))
                .isEqualTo("not resolved (within noise)");
        assertThat(ReportWriter.highestCpuRatio(load, LAYOUT, "micro6", Mix.CHEAP, "pooled").text())
                .isEqualTo("1.060 (within noise)");
    }

    @Test
    void theVerdictNamesEachTargetPerServerAndMixAndCountsErrorsOfEveryClient() {
        Map<String, LoadRow> load = sharedAt100();
        put(load, "pooled-64-mux", 1, 102, 103, 104);
        put(load, "pooled-64-mux", 16, 102, 103, 104);
        load.put(LoadPart.key("micro6", Mix.CHEAP, "raw", 1), new LoadRow(List.of(turn("raw", 1, 90, 3))));
        StringBuilder md = new StringBuilder();
        ReportWriter.verdict(md, load, LAYOUT, List.of());
        List<String> lines = md.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| target"))
                .toList();
        assertThat(lines).containsExactly(
                "| pooled-64-mux (pool >= concurrency, `sharedChannels=1`): server CPU per call <= 1.03 x shared "
                        + "| Payara Micro 6 | cheap | 1.030 at concurrency 1 (emulator 1.000 (within noise)) | yes |",
                "| pooled (pool of 8, default `sharedChannels=0`): server CPU per call <= 1.05 x shared "
                        + "| Payara Micro 6 | cheap | not measured | - |",
                "| zero errors, all clients | all | all | 3 errors in 13000 calls | **no** |");
    }

    /** A turn of the pool of 8 in which Qdrant counted {@code atQdrant} of its connections and the pool's peak was {@code peak}. */
    private static LoadRow pooledTurn(long atQdrant, long peak) {
        LoadResult result = new LoadResult("pooled", 16, 0, 1_000_000_000L, new LatencyHistogram(), "", 1_000);
        return new LoadRow(List.of(new Turn(result, 1_000, 1_000, atQdrant, atQdrant + 2, peak, 1_000)));
    }

    @Test
    void thePoolsBoundIsJudgedByItsOwnPeakWithQdrantsCountBeside() {
        Map<String, LoadRow> load = new LinkedHashMap<>();
        load.put(LoadPart.key("micro6", Mix.CHEAP, "pooled", 16), pooledTurn(9, 8));
        assertThat(ReportWriter.connectionBound(load)).startsWith("| pooled: physical connections never above the pool "
                + "maximum (8)").contains("| peak 8; Qdrant counted at most 9 of the pool's at once (it sees a close")
                .endsWith("| yes |" + System.lineSeparator());

        load.put(LoadPart.key("micro6", Mix.CHEAP, "pooled", 1), pooledTurn(9, 9));
        assertThat(ReportWriter.connectionBound(load)).contains("| peak 9; Qdrant counted at most 9 of the pool's at once |")
                .endsWith("| **no** |" + System.lineSeparator());
    }

    @Test
    void withoutThePeakTheBoundIsJudgedByQdrantsCount() {
        Map<String, LoadRow> load = new LinkedHashMap<>();
        load.put(LoadPart.key("micro6", Mix.CHEAP, "pooled", 16), pooledTurn(9, -1));
        assertThat(ReportWriter.connectionBound(load)).isEqualTo("| pooled: connections at Qdrant never above the pool "
                + "maximum (8) | all | all | at most 9 | **no** |" + System.lineSeparator());
    }

    @Test
    void roundsSurviveTheResultsFile() {
        Map<String, LoadRow> load = sharedAt100();
        Properties p = new Properties();
        LoadPart.store(load, p);
        Map<String, LoadRow> back = LoadPart.load(p);
        assertThat(back.keySet()).containsExactlyElementsOf(load.keySet());
        LoadRow row = back.get(LoadPart.key("micro6", Mix.CHEAP, "shared", 16));
        assertThat(row.turns()).hasSize(3);
        assertThat(row.payaraCpu()).isEqualTo(new Spread(100, 99, 101));
        assertThat(row.emulatorCpu().median()).isEqualTo(50);
    }
}
