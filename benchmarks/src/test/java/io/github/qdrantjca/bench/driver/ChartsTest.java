package io.github.qdrantjca.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void writesAPngOfTheRequestedSizeWithEachSeriesInItsColour(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");
        Charts.write(file, "heading", "workers", new String[] {"1", "4", "16", "64"}, List.of(
                new Charts.Panel("left", "calls / s", false, List.of(
                        new Charts.Series("pooled", Charts.BLUE, new double[] {100, 400, 800, 820}),
                        new Charts.Series("shared", Charts.ORANGE, new double[] {110, 420, 810, 830}))),
                new Charts.Panel("right", "ms", true, List.of(
                        new Charts.Series("raw", Charts.GREEN, new double[] {0.5, 2, Double.NaN, 60})))), 400, 300);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(countPixels(image, Charts.BLUE.getRGB())).isGreaterThan(100);
        assertThat(countPixels(image, Charts.ORANGE.getRGB())).isGreaterThan(100);
        assertThat(countPixels(image, Charts.GREEN.getRGB())).isGreaterThan(100);
    }

    @Test
    void everyClientHasADistinctColourInTheOrderOfTheTables() {
        Map<String, Color> colors = Charts.clientColors();
        assertThat(colors.keySet()).containsExactlyElementsOf(LoadPart.CLIENTS);
        assertThat(new HashSet<>(colors.values())).hasSize(colors.size());
        assertThat(colors.get("pooled-64")).isEqualTo(Charts.GREY);
    }

    @Test
    void aNarrowPanelDrawsTheLinesOfAllSixClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("six.png");
        List<Charts.Series> series = new ArrayList<>();
        double offset = 0;
        for (Map.Entry<String, Color> client : Charts.clientColors().entrySet()) {
            series.add(new Charts.Series(client.getKey(), client.getValue(),
                    new double[] {100 + offset, 400 + offset, 800 + offset, 820 + offset}));
            offset += 40;
        }
        Charts.write(file, "heading", "workers", new String[] {"1", "4", "16", "64"},
                List.of(new Charts.Panel("p50", "ms", true, series)), 600, 600);
        BufferedImage image = ImageIO.read(file.toFile());
        for (Color color : Charts.clientColors().values()) {
            assertThat(countPixels(image, color.getRGB())).as(color.toString()).isGreaterThan(100);
        }
    }

    @Test
    void legendEntriesWrapIntoRowsNoWiderThanThePanelAndKeepTheirOrder() {
        List<Charts.Series> series = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            series.add(new Charts.Series(name, Charts.BLUE, new double[0]));
        }
        List<List<Charts.Series>> rows = Charts.legendRows(series, s -> s.name().equals("c") ? 250 : 100, 300);
        assertThat(rows).extracting(row -> row.stream().map(Charts.Series::name).toList())
                .containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e"));
    }

    @Test
    void aLegendEntryWiderThanThePanelGetsARowOfItsOwn() {
        List<Charts.Series> series = List.of(new Charts.Series("wide", Charts.BLUE, new double[0]),
                new Charts.Series("narrow", Charts.GREEN, new double[0]));
        List<List<Charts.Series>> rows = Charts.legendRows(series, s -> s.name().equals("wide") ? 500 : 50, 300);
        assertThat(rows).hasSize(2);
        assertThat(Charts.legendRows(series, s -> 50, 300)).hasSize(1);
    }

    @Test
    void linearTicksStartAtZeroAndCoverTheMaximumInRoundSteps() {
        assertThat(Charts.linearTicks(830)).containsExactly(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0);
        assertThat(Charts.linearTicks(12)).containsExactly(0.0, 2.5, 5.0, 7.5, 10.0, 12.5);
    }

    @Test
    void logTicksSpanWholeDecadesAroundTheValues() {
        List<Double> ticks = Charts.logTicks(0.5, 60);
        assertThat(ticks.get(0)).isEqualTo(0.1);
        assertThat(ticks.get(ticks.size() - 1)).isEqualTo(100.0);
        assertThat(ticks).contains(1.0, 10.0);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
