package io.github.qdrantjca.bench.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The driver's side of {@link EmulatorServer}: starts it as a child JVM on this JVM's class path,
 * reads its counters, and tells its process (for {@link ProcessCpu}). {@link #close()} ends it.
 */
final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final String host;
    private final int port;

    private EmulatorProcess(Process process, BufferedReader out, PrintWriter in, String host, int port) {
        this.process = process;
        this.out = out;
        this.in = in;
        this.host = host;
        this.port = port;
    }

    /** Starts the emulator, seeded, and waits for its ready line; its standard error goes to {@code log}. */
    static EmulatorProcess start(Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), EmulatorServer.class.getName()))
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            String ready = out.readLine(); // the child prints it once seeded, or exits (then null)
            if (ready == null || !ready.startsWith("ready ")) {
                throw new IOException("the emulator process did not start (said " + ready + "); see " + log);
            }
            String[] parts = ready.split(" ");
            return new EmulatorProcess(process, out, in, parts[1], Integer.parseInt(parts[2]));
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Client transports open now. */
    long openConnections() throws IOException {
        return number("open");
    }

    /** The most client transports open at once since the last {@link #resetMaxOpenConnections()}. */
    long maxOpenConnections() throws IOException {
        return number("max");
    }

    void resetMaxOpenConnections() throws IOException {
        ask("reset-max");
    }

    /** RPCs received since start. */
    long callCount() throws IOException {
        return number("calls");
    }

    private long number(String command) throws IOException {
        String answer = ask(command);
        try {
            return Long.parseLong(answer);
        } catch (NumberFormatException e) {
            throw new IOException("the emulator process answered '" + answer + "' to " + command, e);
        }
    }

    private synchronized String ask(String command) throws IOException {
        in.println(command);
        String answer = out.readLine();
        if (answer == null) {
            throw new IOException("the emulator process ended (exit " + (process.isAlive() ? "?" : process.exitValue())
                    + ") while asked " + command);
        }
        return answer;
    }

    @Override
    public void close() throws InterruptedException {
        in.close(); // the child ends when its standard input closes
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            stop(process);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
