package io.github.qdrantjca.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueAndTheRangeTheExtremes() {
        assertThat(Spread.of(5, 1, 9, 3, 7)).isEqualTo(new Spread(5, 1, 9));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Spread.of(4, 1, 3, 10)).isEqualTo(new Spread(3.5, 1, 10));
    }

    @Test
    void rangesThatShareAValueOverlapAndSeparateOnesDoNot() {
        assertThat(Spread.of(1, 2, 3).overlaps(Spread.of(3, 4, 5))).isTrue();
        assertThat(Spread.of(3, 4, 5).overlaps(Spread.of(1, 2, 3))).isTrue();
        assertThat(Spread.of(1, 2, 3).overlaps(Spread.of(3.1, 4, 5))).isFalse();
    }

    @Test
    void noValuesIsNotMeasured() {
        assertThat(Spread.of().measured()).isFalse();
    }

    @Test
    void textShowsTheMedianThenTheRange() {
        assertThat(Spread.of(1_200, 1_000, 1_500).text("%,.0f")).isEqualTo("1,200 (1,000..1,500)");
    }
}
