package io.github.qdrantjca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class LoadResultTest {

    private static LoadResult result(String client, int concurrency, int calls, long latencyNanos, long errors,
            long seconds, String firstError) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < calls; i++) {
            h.record(latencyNanos);
        }
        return new LoadResult(client, concurrency, errors, seconds * 1_000_000_000L, h, firstError, calls + 10L);
    }

    @Test
    void throughputIsCallsPerSecondOfTheMeasuredWindow() {
        assertThat(result("pooled", 4, 3_000, 1_000_000, 0, 3, "").throughput()).isCloseTo(1_000.0, within(1e-9));
    }

    @Test
    void roundsMergeIntoOneResult() {
        LoadResult merged = result("shared", 16, 2_000, 1_000_000, 1, 2, "")
                .plus(result("shared", 16, 1_000, 4_000_000, 2, 2, "boom"));
        assertThat(merged.calls()).isEqualTo(3_000);
        assertThat(merged.errors()).isEqualTo(3);
        assertThat(merged.throughput()).isCloseTo(750.0, within(1e-9));
        assertThat(merged.attempted()).isEqualTo(3_020);
        assertThat(merged.firstError()).isEqualTo("boom");
        assertThat(merged.percentileMicros(50)).isCloseTo(1_000, within(10.0));
        assertThat(merged.percentileMicros(99)).isCloseTo(4_000, within(40.0));
    }

    @Test
    void resultsOfDifferentClientsOrLevelsDoNotMerge() {
        assertThatThrownBy(() -> result("raw", 1, 1, 1, 0, 1, "").plus(result("raw", 4, 1, 1, 0, 1, "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot merge raw@1 with raw@4");
        assertThatThrownBy(() -> result("raw", 1, 1, 1, 0, 1, "").plus(result("shared", 1, 1, 1, 0, 1, "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storeAndLoadRoundTrip() {
        LoadResult r = result("pooled", 64, 500, 2_500_000, 7, 5, "x");
        Properties p = new Properties();
        r.store(p, "r.");
        LoadResult back = LoadResult.load(p, "r.");
        assertThat(back.client()).isEqualTo("pooled");
        assertThat(back.concurrency()).isEqualTo(64);
        assertThat(back.calls()).isEqualTo(500);
        assertThat(back.errors()).isEqualTo(7);
        assertThat(back.attempted()).isEqualTo(510);
        assertThat(back.throughput()).isCloseTo(100.0, within(1e-9));
        assertThat(back.percentileMicros(99)).isEqualTo(r.percentileMicros(99));
    }
}
