package io.github.qdrantjca.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension keeps one emulator for a class and its @Nested classes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NestedExtensionTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    static int outerPort;

    @Test
    @Order(1)
    void outerSeesARunningEmulator() {
        QdrantEmulator emulator = QDRANT.emulator();
        outerPort = emulator.port();
        assertThat(emulator.isRunning()).isTrue();
    }

    @Nested
    class Inner {
        @Test
        void innerSharesTheOuterEmulator() {
            assertThat(QDRANT.emulator().isRunning()).isTrue();
            assertThat(QDRANT.emulator().port()).isEqualTo(outerPort);
        }
    }
}
