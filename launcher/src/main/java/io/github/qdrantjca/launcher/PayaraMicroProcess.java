package io.github.qdrantjca.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro server in a child JVM: {@code java -jar payara-micro.jar --deploy a --deploy b},
 * archives deployed in the order given (a resource adapter before the applications that use it),
 * absolute paths, its own root directory. {@link #start} returns once Micro reports it is ready;
 * {@link #close} stops it (and its child processes), forcibly after a grace period.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final String READY_MARKER = " ready in ";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int TAIL_LINES = 60;
    private static final java.util.regex.Pattern DEPLOYED =
            java.util.regex.Pattern.compile("\\] (\\S+) was successfully deployed in ");

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final java.util.Set<String> deployed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Deque<String> tail = new ArrayDeque<>();

    private final Thread killOnExit;

    private PayaraMicroProcess(Process process, int httpPort, Path log, PrintStream echo) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        // If this JVM ends without close() (a killed test run, Ctrl-C), the server must not outlive it.
        this.killOnExit = new Thread(process::destroyForcibly, "payara-micro-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread pump = new Thread(() -> pump(echo), "payara-micro-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** A builder for a server running {@code microJar}. */
    public static Builder builder(Path microJar) {
        return new Builder(microJar);
    }

    /** The HTTP port the server listens on. */
    public int httpPort() {
        return httpPort;
    }

    /** The file that receives the server's output. */
    public Path log() {
        return log;
    }

    /** The operating-system process id of the server. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (ready.await(200, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IOException("Payara Micro exited with " + process.exitValue() + " before it was ready:\n"
                            + tail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while waiting for Payara Micro", e);
        }
        close();
        throw new IOException("Payara Micro was not ready within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** The last lines the server printed. */
    public synchronized String tail() {
        return String.join("\n", tail);
    }

    private void pump(PrintStream echo) {
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (echo != null) {
                    echo.println(line);
                }
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                java.util.regex.Matcher success = DEPLOYED.matcher(line);
                if (success.find()) {
                    deployed.add(success.group(1));
                }
                if (line.contains("Payara Micro") && line.contains(READY_MARKER)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit is reported by awaitReady or close
        }
    }

    /** Stops the server and everything it started; forcibly when it does not stop within 20 s. */
    @Override
    public void close() {
        List<ProcessHandle> children = new ArrayList<>();
        process.descendants().forEach(children::add);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway, harmlessly
        }
    }

    /** Options of a Payara Micro server. */
    public static final class Builder {

        private final Path microJar;
        private final List<Path> deployments = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        /**
         * {@code -XX:TieredStopAtLevel=1}: the client compiler only. A Micro start is class loading and code run a
         * few times, and the server compiler's work at start competes for the CPU with everything else: on two
         * cores it halves the CPU of a start (31-37 s to 16 s) and makes the server ready in 12 s instead of
         * 16-20 s. The adapter's and the server's behaviour do not depend on it; throughput does, so the
         * benchmarks start their servers without it.
         */
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Path rootDir;
        private int httpPort = 8080;
        private PrintStream echo;
        private Duration startTimeout = Duration.ofMinutes(4);
        private final List<Path> libraries = new ArrayList<>();
        /**
         * Payara Micro's logging (its one-line format, INFO), with Payara's own certificate check quiet: Micro
         * warns, in about 300 lines at every start, that certificates of its bundled trust store have expired.
         */
        private static final String QUIET_LOGGING = String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter",
                "java.util.logging.ConsoleHandler.level=INFO",
                ".level=INFO",
                "javax.enterprise.system.security.ssl.level=SEVERE",
                "javax.enterprise.system.tools.deployment.dol.level=WARNING",
                "fish.payara.nucleus.util.level=WARNING",
                "org.glassfish.admin.mbeanserver.level=WARNING",
                "com.hazelcast.level=WARNING",
                // DJL (the embedding library's tokenizer) warns that it found no GPU on every machine without one
                "ai.djl.util.cuda.CudaUtils.level=SEVERE",
                "");
        private boolean quiet;

        private Builder(Path microJar) {
            this.microJar = microJar.toAbsolutePath();
        }

        /** Deploys {@code archive} after the ones added before (add the .rar first). */
        public Builder deploy(Path archive) {
            deployments.add(archive.toAbsolutePath());
            return this;
        }

        /** A system property of the server JVM, e.g. {@code qdrant.host}. */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** The JDK that runs the server (default: the one running this JVM), e.g. {@link NewerJdk#home()}. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome.toAbsolutePath();
            return this;
        }

        /** An option of the server JVM, e.g. {@code --enable-native-access=ALL-UNNAMED}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Micro's working directory (deleted and created afresh at start; also its {@code java.io.tmpdir}). */
        public Builder rootDir(Path rootDir) {
            this.rootDir = rootDir.toAbsolutePath();
            return this;
        }

        /** The HTTP port (default 8080). */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** Also print the server's output to {@code echo}. */
        public Builder echo(PrintStream echo) {
            this.echo = echo;
            return this;
        }

        /**
         * Puts the jars of {@code directory} on the server's class path ({@code --addlibs}): server libraries every
         * application sees, loaded once per server (e.g. the sample's sentence-embedding model with its native ONNX
         * Runtime, which must not be loaded by an application's class loader). Their natives are unpacked under the
         * root directory, not the user's home.
         */
        public Builder addLibs(Path directory) {
            libraries.add(directory.toAbsolutePath());
            return this;
        }

        /**
         * A server that opens no port but HTTP and keeps its console to what matters: {@code --nohazelcast} instead of
         * {@code --nocluster} (which still starts Hazelcast and listens on 6900 and up), no phone-home call, and the
         * hundreds of lines warning about expired certificates in Payara's own trust store off (logger
         * {@code javax.enterprise.system.security.ssl} at SEVERE, through {@code --logproperties}), as is DJL's
         * warning that the machine has no GPU.
         */
        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        /** How long {@link #start()} waits for the server to be ready (default 4 minutes). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Starts the server once and waits until it is ready with every archive deployed; fails with the end of
         * its output (and stops it) when it is not ready in time or an archive was not deployed. No retry: a
         * deployment that fails is a fault to report, not to hide.
         */
        public PayaraMicroProcess start() throws IOException {
            if (rootDir == null) {
                throw new IllegalStateException("rootDir is required");
            }
            if (!Files.isRegularFile(microJar)) {
                throw new IOException("no Payara Micro jar at " + microJar);
            }
            // A fresh directory every start: Micro unpacks itself into java.io.tmpdir and keeps its domain there;
            // nothing of a previous run may leak into this one.
            deleteRecursively(rootDir);
            Path microRoot = rootDir.resolve("micro");
            Files.createDirectories(rootDir);
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmOptions);
            command.add("-Djava.io.tmpdir=" + rootDir);
            if (!libraries.isEmpty()) {
                // DJL (the tokenizer) unpacks its native library into this cache; offline: never download one
                command.add("-DDJL_CACHE_DIR=" + rootDir.resolve("djl"));
                command.add("-Dai.djl.offline=true");
            }
            systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.addAll(List.of("-jar", microJar.toString(), quiet ? "--nohazelcast" : "--nocluster",
                    "--port", Integer.toString(httpPort), "--rootdir", microRoot.toString()));
            if (quiet) {
                Path logging = rootDir.resolve("logging.properties");
                Files.writeString(logging, QUIET_LOGGING);
                command.addAll(List.of("--disablephonehome", "--logproperties", logging.toString()));
            }
            for (Path library : libraries) {
                if (!Files.exists(library)) {
                    throw new IOException("no server library at " + library);
                }
                command.add("--addlibs");
                command.add(library.toString());
            }
            for (Path deployment : deployments) {
                if (!Files.isRegularFile(deployment)) {
                    throw new IOException("nothing to deploy at " + deployment);
                }
                command.add("--deploy");
                command.add(deployment.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            PayaraMicroProcess micro = new PayaraMicroProcess(process, httpPort, rootDir.resolve("payara-micro.log"), echo);
            try {
                micro.awaitReady(startTimeout);
                for (Path deployment : deployments) {
                    String name = deployment.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    if (!micro.deployed.contains(name)) {
                        throw new NotDeployedException("Payara Micro did not deploy " + deployment + "; see " + micro.log() + ":\n"
                                + micro.tail());
                    }
                }
            } catch (IOException | RuntimeException e) {
                micro.close();
                throw e;
            }
            return micro;
        }
    }

    /** An archive was not deployed (the server started, but without it). */
    static final class NotDeployedException extends IOException {

        private static final long serialVersionUID = 1L;

        NotDeployedException(String message) {
            super(message);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Unchecked wrapper for callers that cannot throw {@link IOException}. */
    public static PayaraMicroProcess startUnchecked(Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
