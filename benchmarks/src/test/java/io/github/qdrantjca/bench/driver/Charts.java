package io.github.qdrantjca.bench.driver;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Line charts drawn with Java2D (headless), written as PNG. No chart library. */
final class Charts {

    /** One line: a name, a colour and one value per x position (NaN = no point). */
    record Series(String name, Color color, double[] values) {}

    /** One panel: a title, the y-axis label, whether y is logarithmic, and its lines. */
    record Panel(String title, String yLabel, boolean logY, List<Series> series) {}

    static final Color BLUE = new Color(31, 119, 180);
    static final Color ORANGE = new Color(255, 127, 14);
    static final Color GREEN = new Color(44, 160, 44);
    static final Color GREY = new Color(150, 150, 150);
    static final Color PURPLE = new Color(148, 103, 189);
    static final Color BROWN = new Color(140, 86, 75);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Pixels between the baselines of two legend rows. */
    private static final int LEGEND_ROW = 22;

    private Charts() {}

    /**
     * Draws {@code panels} side by side under {@code heading}, with x positions labelled {@code xLabels}
     * (evenly spaced) and the x-axis named {@code xName}, and writes the PNG to {@code file}.
     */
    static void write(Path file, String heading, String xName, String[] xLabels, List<Panel> panels, int panelWidth,
            int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = panelWidth * panels.size();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            centered(g, heading, width / 2, 28);
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, new Rectangle(i * panelWidth, 40, panelWidth, height - 40), xName, xLabels, panels.get(i));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawPanel(Graphics2D g, Rectangle area, String xName, String[] xLabels, Panel panel) {
        int left = area.x + 90;
        int right = area.x + area.width - 25;
        int top = area.y + 40;
        int bottom = area.y + area.height - 110;
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        centered(g, panel.title(), (left + right) / 2, area.y + 22);

        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : panel.series()) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max <= 0) {
            max = 1;
            min = 0.1;
        }
        List<Double> ticks = panel.logY() ? logTicks(min, max) : linearTicks(max);
        double lo = panel.logY() ? Math.log10(ticks.get(0)) : 0;
        double hi = panel.logY() ? Math.log10(ticks.get(ticks.size() - 1)) : ticks.get(ticks.size() - 1);
        java.util.function.DoubleUnaryOperator y = v -> {
            double t = panel.logY() ? Math.log10(Math.max(v, 1e-9)) : v;
            return bottom - (t - lo) / (hi - lo) * (bottom - top);
        };
        java.util.function.IntToDoubleFunction x = i -> left + 30 + i * (right - left - 60.0) / Math.max(1, xLabels.length - 1);

        // grid and y labels
        g.setFont(SMALL);
        for (double t : ticks) {
            int py = (int) Math.round(y.applyAsDouble(t));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            String text = number(t);
            g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), py + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        for (int i = 0; i < xLabels.length; i++) {
            int px = (int) Math.round(x.applyAsDouble(i));
            g.drawLine(px, bottom, px, bottom + 5);
            centered(g, xLabels[i], px, bottom + 22);
        }
        g.setFont(LABEL);
        centered(g, xName, (left + right) / 2, bottom + 45);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.setFont(LABEL);
        centered(rotated, panel.yLabel(), -(top + bottom) / 2, area.x + 22);
        rotated.dispose();

        // lines
        for (Series s : panel.series()) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.5f));
            Path2D path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.values().length; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                double px = x.applyAsDouble(i);
                double py = y.applyAsDouble(v);
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
            }
            g.draw(path);
            for (int i = 0; i < s.values().length; i++) {
                double v = s.values()[i];
                if (!Double.isNaN(v)) {
                    int px = (int) Math.round(x.applyAsDouble(i));
                    int py = (int) Math.round(y.applyAsDouble(v));
                    g.fillOval(px - 5, py - 5, 10, 10);
                }
            }
        }
        g.setStroke(new BasicStroke(1f));

        // legend under the x-axis name, in as many rows as the panel's width needs
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        java.util.function.ToIntFunction<Series> entryWidth = s -> 30 + fm.stringWidth(s.name()) + 20;
        List<List<Series>> rows = legendRows(panel.series(), entryWidth, right - left);
        int ly = bottom + 80 - (rows.size() - 1) * LEGEND_ROW / 2;
        for (List<Series> row : rows) {
            int lx = (left + right) / 2 - row.stream().mapToInt(entryWidth).sum() / 2;
            for (Series s : row) {
                g.setColor(s.color());
                g.fillRect(lx, ly - 10, 22, 10);
                g.setColor(Color.BLACK);
                g.drawString(s.name(), lx + 28, ly);
                lx += entryWidth.applyAsInt(s);
            }
            ly += LEGEND_ROW;
        }
    }

    /**
     * The legend's entries in rows, in order, each row at most {@code maxWidth} wide (an entry wider
     * than that gets a row of its own).
     */
    static List<List<Series>> legendRows(List<Series> series, java.util.function.ToIntFunction<Series> width,
            int maxWidth) {
        List<List<Series>> rows = new ArrayList<>();
        List<Series> row = new ArrayList<>();
        int used = 0;
        for (Series s : series) {
            int w = width.applyAsInt(s);
            if (!row.isEmpty() && used + w > maxWidth) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(s);
            used += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    static List<Double> linearTicks(double max) {
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t < max + step; t += step) {
            ticks.add(t);
            if (t >= max) {
                break;
            }
        }
        return ticks;
    }

    static List<Double> logTicks(double min, double max) {
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        List<Double> ticks = new ArrayList<>();
        for (double decade = lo; decade <= hi * 1.0001; decade *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double t = decade * m;
                if (t <= hi * 1.0001 && (m == 1 || (t >= min / 2 && t <= max * 2))) {
                    ticks.add(t);
                }
            }
        }
        return ticks;
    }

    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        if (v >= 1000 && v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 1) {
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static void centered(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /**
     * The client colours, in the order pooled, pooled-mux, shared, raw, pooled-64, pooled-64-mux; the
     * diagnostic pooled-64 stays grey.
     */
    static Map<String, Color> clientColors() {
        Map<String, Color> colors = new LinkedHashMap<>();
        colors.put("pooled", BLUE);
        colors.put("pooled-mux", PURPLE);
        colors.put("shared", ORANGE);
        colors.put("raw", GREEN);
        colors.put("pooled-64", GREY);
        colors.put("pooled-64-mux", BROWN);
        return colors;
    }
}
