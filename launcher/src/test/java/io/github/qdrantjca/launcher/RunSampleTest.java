package io.github.qdrantjca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSampleTest {

    @Test
    void payaraSevenAndLaterRunOnTheNewerJdk() {
        assertThat(RunSample.needsNewerJdk("7.2026.11")).isTrue();
        assertThat(RunSample.needsNewerJdk("8.2027.1")).isTrue();
        assertThat(RunSample.needsNewerJdk("10.0.0")).isTrue();
    }

    @Test
    void payaraSixAndUnparsableVersionsRunOnTheBuildsJdk() {
        assertThat(RunSample.needsNewerJdk("6.2025.10")).isFalse();
        assertThat(RunSample.needsNewerJdk("")).isFalse();
        assertThat(RunSample.needsNewerJdk("latest")).isFalse();
    }
}
