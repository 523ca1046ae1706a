package io.github.qdrantjca.emulator.internal;

import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Collections on disk, in a storage directory: {@code storage.dump} (a checkpoint: every collection, as a
 * {@link Dump}) and {@code wal.log} (the effects of every write since, appended as they happen). Opening loads the
 * checkpoint, replays the log (a record cut short by a crash is dropped), then writes a new checkpoint and starts an
 * empty log; closing writes a checkpoint again. Every record reaches the operating system before the write is
 * answered, and a write with {@code wait=true} (and every collection change) is forced to the disk first: a crash
 * loses at most writes that were not acknowledged with {@code wait=true}.
 */
public final class Persistence implements AutoCloseable {

    private static final String CHECKPOINT = "storage.dump";
    private static final String LOG = "wal.log";

    private final Storage storage;
    private final Path dir;
    private FileOutputStream log; // guarded by this
    private boolean closed; // guarded by this

    private Persistence(Storage storage, Path dir) {
        this.storage = storage;
        this.dir = dir;
    }

    /**
     * Loads what {@code dir} holds into {@code storage} (empty when new), then the snapshot files of
     * {@code restores} (each replacing the collections it holds), and records every change from then on.
     */
    public static Persistence open(Storage storage, Path dir, List<Path> restores) throws IOException {
        Files.createDirectories(dir);
        Persistence p = new Persistence(storage, dir);
        load(storage, dir.resolve(CHECKPOINT));
        load(storage, dir.resolve(LOG));
        for (Path snapshot : restores) {
            restore(storage, snapshot);
        }
        p.checkpointAndStartLog();
        return p;
    }

    /** Loads snapshot files into an in-memory storage (no directory). */
    public static void restoreAll(Storage storage, List<Path> restores) throws IOException {
        for (Path snapshot : restores) {
            restore(storage, snapshot);
        }
    }

    private static void restore(Storage storage, Path snapshot) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(snapshot))) {
            Snapshots.load(storage, in, snapshot.toString());
        }
    }

    private static void load(Storage storage, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (!Dump.read(in, storage.loader()) && Files.size(file) > 0) {
                throw new IOException(file + " is not a Qdrant emulator storage file");
            }
        }
    }

    /** The folder snapshots are written to. */
    public Path snapshotsDir() {
        return dir.resolve("snapshots");
    }

    private synchronized void checkpointAndStartLog() throws IOException {
        Path temp = dir.resolve(CHECKPOINT + ".tmp");
        try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
            storage.export(Dump.writer(new java.io.BufferedOutputStream(out, 1 << 16) {
                @Override
                public void close() {
                }
            }, () -> {
            }));
            out.getChannel().force(true);
        }
        // the Dump writer flushes after every record; the buffered stream above is flushed there too
        Files.move(temp, dir.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        if (log != null) {
            log.close();
        }
        log = new FileOutputStream(dir.resolve(LOG).toFile(), false);
        FileChannel channel = log.getChannel();
        OutputStream unbuffered = log;
        storage.journal(Dump.writer(unbuffered, () -> force(channel)));
        force(channel);
    }

    private static void force(FileChannel channel) {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the storage log to disk", e);
        }
    }

    /** Writes a checkpoint, empties the log and stops recording; idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        checkpointAndStartLog();
        storage.journal(Journal.NONE);
        log.close();
    }
}
