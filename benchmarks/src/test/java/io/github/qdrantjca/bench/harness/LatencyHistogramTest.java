package io.github.qdrantjca.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** 1 us, 2 us, ... 1000 us. */
    private static LatencyHistogram oneToThousandMicros() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1_000L);
        }
        return h;
    }

    @Test
    void percentilesAreWithinOnePercentOfTheExactNearestRank() {
        LatencyHistogram h = oneToThousandMicros();
        assertThat(h.count()).isEqualTo(1000);
        assertThat(h.percentileNanos(50)).isCloseTo(500_000L, within(5_000L));
        assertThat(h.percentileNanos(95)).isCloseTo(950_000L, within(9_500L));
        assertThat(h.percentileNanos(99)).isCloseTo(990_000L, within(9_900L));
        assertThat(h.percentileNanos(100)).isEqualTo(1_000_000L);
        assertThat(h.maxNanos()).isEqualTo(1_000_000L);
    }

    @Test
    void aPercentileNeverExceedsTheMaximumRecorded() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(123_456L);
        assertThat(h.percentileNanos(50)).isEqualTo(123_456L);
        assertThat(h.percentileNanos(99)).isEqualTo(123_456L);
    }

    @Test
    void mergingAddsTheCountsOfBoth() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(100_000L);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(10_000_000L);
        }
        fast.add(slow);
        assertThat(fast.count()).isEqualTo(100);
        assertThat(fast.percentileNanos(90)).isCloseTo(100_000L, within(1_000L));
        assertThat(fast.percentileNanos(91)).isCloseTo(10_000_000L, within(100_000L));
        assertThat(fast.maxNanos()).isEqualTo(10_000_000L);
    }

    @Test
    void storeAndLoadGiveTheSamePercentiles() {
        LatencyHistogram h = oneToThousandMicros();
        Properties p = new Properties();
        h.store(p, "x.");
        LatencyHistogram back = LatencyHistogram.load(p, "x.");
        assertThat(back.count()).isEqualTo(1000);
        assertThat(back.maxNanos()).isEqualTo(1_000_000L);
        assertThat(back.percentileNanos(99)).isEqualTo(h.percentileNanos(99));
        assertThat(back.percentileNanos(50)).isEqualTo(h.percentileNanos(50));
    }

    @Test
    void anEmptyHistogramReportsZeroAndAnInvalidPercentileIsRefused() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileNanos(99)).isZero();
        assertThatThrownBy(() -> h.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> h.percentileNanos(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
