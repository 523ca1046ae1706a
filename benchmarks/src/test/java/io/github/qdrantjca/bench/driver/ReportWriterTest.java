package io.github.qdrantjca.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.qdrantjca.bench.harness.LatencyHistogram;
import io.github.qdrantjca.bench.harness.LoadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    /** One second of {@code calls} calls of 1 ms, with {@code own} connections at Qdrant. */
    private static LoadRow row(String client, int concurrency, int calls, long own, long errors) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < calls; i++) {
            h.record(1_000_000);
        }
        return new LoadRow(new LoadResult(client, concurrency, errors, 1_000_000_000L, h, "", calls), own, own + 2,
                calls);
    }

    /** Shared at 1,000 calls/s everywhere; pooled and pooled-mux as given per level 1, 4, 16, 64. */
    private static Map<String, LoadRow> load(int[] pooled, long pooledOwn, int[] mux, long muxOwn) {
        Map<String, LoadRow> load = new LinkedHashMap<>();
        for (int i = 0; i < LoadPart.CONCURRENCY.length; i++) {
            int c = LoadPart.CONCURRENCY[i];
            load.put("pooled@" + c, row("pooled", c, pooled[i], pooledOwn, 0));
            if (mux != null) {
                load.put("pooled-mux@" + c, row("pooled-mux", c, mux[i], muxOwn, 0));
            }
            load.put("shared@" + c, row("shared", c, 1_000, 1, 0));
        }
        return load;
    }

    private static List<String> verdictLines(Map<String, LoadRow> load) {
        StringBuilder md = new StringBuilder();
        ReportWriter.verdict(md, load, List.of());
        return md.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| target")).toList();
    }

    @Test
    void lowestRatioToSharedIsTheWorstLevelOfThatClientAlone() {
        Map<String, LoadRow> load = load(new int[] {990, 1_000, 860, 830}, 8, new int[] {980, 1_010, 990, 975}, 1);
        ReportWriter.Lowest pooled = ReportWriter.lowestRatioToShared(load, "pooled");
        ReportWriter.Lowest mux = ReportWriter.lowestRatioToShared(load, "pooled-mux");
        assertThat(pooled.ratio()).isCloseTo(0.830, within(1e-9));
        assertThat(pooled.concurrency()).isEqualTo(64);
        assertThat(mux.ratio()).isCloseTo(0.975, within(1e-9));
        assertThat(mux.concurrency()).isEqualTo(64);
        assertThat(ReportWriter.lowestRatioToShared(load, "pooled-64").measured()).isFalse();
    }

    @Test
    void theVerdictReportsBothTargetsForTheDefaultAndTheSharedChannelPoolSeparately() {
        Map<String, LoadRow> load = load(new int[] {990, 1_000, 860, 830}, 8, new int[] {980, 1_010, 960, 975}, 1);
        assertThat(verdictLines(load)).containsExactly(
                "| pooled (default configuration) throughput >= 0.97 x shared at every concurrency "
                        + "| lowest ratio 0.830 (at concurrency 64) | **no** |",
                "| pooled (default configuration) connections at Qdrant never above the pool maximum (8) "
                        + "| at most 8 | yes |",
                "| pooled-mux (`sharedChannels=1`) throughput >= 0.97 x shared at every concurrency "
                        + "| lowest ratio 0.960 (at concurrency 16) | **no** |",
                "| pooled-mux (`sharedChannels=1`) connections at Qdrant never above the pool maximum (8) "
                        + "| at most 1 | yes |",
                "| zero errors, all clients | 0 errors in 11605 calls | yes |");
    }

    @Test
    void eachClientMeetsOrMissesTheTargetsOnItsOwnFigures() {
        Map<String, LoadRow> load = load(new int[] {970, 1_000, 990, 1_020}, 9, new int[] {1_000, 1_000, 1_000, 1_000}, 1);
        List<String> lines = verdictLines(load);
        assertThat(lines.get(0)).endsWith("| lowest ratio 0.970 (at concurrency 1) | yes |");
        assertThat(lines.get(1)).endsWith("| at most 9 | **no** |");
        assertThat(lines.get(2)).endsWith("| lowest ratio 1.000 (at concurrency 1) | yes |");
        assertThat(lines.get(3)).endsWith("| at most 1 | yes |");
    }

    @Test
    void errorsOfAnyClientFailTheErrorTarget() {
        Map<String, LoadRow> load = load(new int[] {1_000, 1_000, 1_000, 1_000}, 8, null, 0);
        load.put("pooled-64-mux@16", row("pooled-64-mux", 16, 500, 1, 3));
        assertThat(verdictLines(load)).last().isEqualTo("| zero errors, all clients | 3 errors in 8500 calls | **no** |");
    }

    @Test
    void aClientWithoutRowsIsReportedAsNotMeasuredRatherThanMet() {
        Map<String, LoadRow> load = load(new int[] {1_000, 1_000, 1_000, 1_000}, 8, null, 0);
        List<String> lines = verdictLines(load);
        assertThat(lines.get(2)).isEqualTo("| pooled-mux (`sharedChannels=1`) throughput >= 0.97 x shared at every "
                + "concurrency | not measured | - |");
        assertThat(lines.get(3)).isEqualTo("| pooled-mux (`sharedChannels=1`) connections at Qdrant never above the "
                + "pool maximum (8) | not measured | - |");
    }
}
