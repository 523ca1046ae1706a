package io.github.qdrantjca.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the document says about the machine the figures come from. */
final class Machine {

    private Machine() {}

    static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Total memory from /proc/meminfo, e.g. "23.5 GiB"; "unknown" elsewhere. */
    static String memory() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(line -> {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }).orElse("unknown");
    }

    /** The CPU model from /proc/cpuinfo. */
    static String cpu() {
        return procLine(Path.of("/proc/cpuinfo"), "model name")
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** The 1-, 5- and 15-minute load averages, as /proc/loadavg shows them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What {@code java -version} prints for the JDK in {@code javaHome}. */
    static String javaVersion(Path javaHome) {
        try {
            Process p = new ProcessBuilder(javaHome.resolve("bin").resolve("java").toString(), "-version")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
