package io.github.qdrantjca.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone start: {@code java -jar qdrant-emulator.jar [--port 6334] [--api-key k] [--tls-cert c.pem --tls-key
 * k.pem] [--storage DIR] [--restore-snapshot FILE]}. Prints {@code Qdrant emulator listening on 127.0.0.1:PORT} when
 * ready (and the storage folder, when there is one) and runs until killed.
 */
public final class QdrantEmulatorMain {

    /** The port a real Qdrant serves gRPC on. */
    public static final int DEFAULT_PORT = 6334;

    private QdrantEmulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        QdrantEmulator emulator;
        try {
            emulator = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "qdrant-emulator-shutdown"));
        start(emulator, System.out);
        new CountDownLatch(1).await();
    }

    /** Starts the emulator and prints the ready line. */
    static void start(QdrantEmulator emulator, PrintStream out) throws IOException {
        emulator.start();
        out.println("Qdrant emulator listening on " + emulator.host() + ":" + emulator.port());
        if (emulator.storageDir() != null) {
            out.println("Qdrant emulator storage: " + emulator.storageDir().toAbsolutePath());
        }
        out.flush();
    }

    /** The builder the command line describes. */
    static QdrantEmulator.Builder parse(String[] args) {
        QdrantEmulator.Builder builder = QdrantEmulator.builder().port(DEFAULT_PORT);
        Path cert = null;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port":
                    builder.port(parsePort(value(args, ++i, arg)));
                    break;
                case "--api-key":
                    builder.apiKey(value(args, ++i, arg));
                    break;
                case "--tls-cert":
                    cert = Path.of(value(args, ++i, arg));
                    break;
                case "--tls-key":
                    key = Path.of(value(args, ++i, arg));
                    break;
                case "--storage":
                    builder.storage(Path.of(value(args, ++i, arg)));
                    break;
                case "--restore-snapshot":
                    builder.restoreSnapshot(Path.of(value(args, ++i, arg)));
                    break;
                case "--help":
                case "-h":
                    throw new IllegalArgumentException("Qdrant emulator");
                default:
                    throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (cert != null) {
            builder.tls(cert, key);
        }
        return builder;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got " + text);
        }
    }

    static String usage() {
        return "usage: java -jar qdrant-emulator.jar [--port 6334] [--api-key KEY] "
                + "[--tls-cert cert.pem --tls-key key.pem] [--storage DIR] [--restore-snapshot FILE]   "
                + "(--port 0 picks a free port; without --storage everything stays in memory)";
    }
}
