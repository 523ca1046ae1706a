package io.github.qdrantjca.emulator.internal;

import com.google.protobuf.Timestamp;
import io.qdrant.client.grpc.SnapshotsService.SnapshotDescription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collection and full-storage snapshots, named as Qdrant names them ({@code <collection>-<peer id>-<UTC time>.snapshot},
 * {@code full-snapshot-<UTC time>.snapshot}), with a SHA-256 checksum. Each is a {@link Dump} of what it covers.
 * With a storage directory they are files under {@code <dir>/snapshots} (a collection's in a folder named after
 * it), from which an emulator can start; without one they are kept in memory.
 */
public final class Snapshots {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss")
            .withZone(ZoneOffset.UTC);
    private static final String FULL = "";

    private final Storage storage;
    private final Path root; // null: in memory
    private final long peerId;
    private final Map<String, Map<String, Stored>> inMemory = new TreeMap<>(); // guarded by this

    private record Stored(byte[] bytes, Instant created) {
    }

    /** Snapshots of {@code storage}, as files under {@code root} or (root null) in memory. */
    public Snapshots(Storage storage, Path root, long peerId) {
        this.storage = storage;
        this.root = root;
        this.peerId = peerId;
    }

    SnapshotDescription create(String collection) {
        new Validation().name("collection_name", collection).check();
        CollectionData data = storage.collection(collection);
        String name = data.name + "-" + peerId + "-" + TIME.format(Instant.now()) + ".snapshot";
        return save(data.name, name, sink -> data.export(sink));
    }

    SnapshotDescription createFull() {
        return save(FULL, "full-snapshot-" + TIME.format(Instant.now()) + ".snapshot", storage::export);
    }

    List<SnapshotDescription> list(String collection) {
        new Validation().name("collection_name", collection).check();
        return list(storage.collection(collection).name, true);
    }

    List<SnapshotDescription> listFull() {
        return list(FULL, true);
    }

    void delete(String collection, String name) {
        new Validation().name("collection_name", collection).check();
        remove(storage.collection(collection).name, name);
    }

    void deleteFull(String name) {
        remove(FULL, name);
    }

    /** The bytes of a snapshot (for tests and restores); NOT_FOUND when there is none. */
    byte[] read(String collection, String name) {
        synchronized (this) {
            if (root == null) {
                Stored s = inMemory.getOrDefault(collection, Map.of()).get(name);
                if (s == null) {
                    throw snapshotNotFound(name);
                }
                return s.bytes;
            }
        }
        Path file = file(collection, name);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw snapshotNotFound(name);
        }
    }

    private SnapshotDescription save(String owner, String name, java.util.function.Consumer<Journal> export) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        export.accept(Dump.writer(bytes, () -> {
        }));
        byte[] content = bytes.toByteArray();
        Instant now = Instant.now();
        synchronized (this) {
            if (root == null) {
                inMemory.computeIfAbsent(owner, k -> new TreeMap<>()).put(name, new Stored(content, now));
            } else {
                Path file = file(owner, name);
                try {
                    Files.createDirectories(file.getParent());
                    Path temp = file.resolveSibling(name + ".tmp");
                    Files.write(temp, content);
                    Files.writeString(file.resolveSibling(name + ".checksum"), sha256(content));
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write snapshot " + file, e);
                }
            }
        }
        return description(name, content, now);
    }

    private synchronized List<SnapshotDescription> list(String owner, boolean unused) {
        List<SnapshotDescription> out = new ArrayList<>();
        if (root == null) {
            inMemory.getOrDefault(owner, Map.of())
                    .forEach((name, s) -> out.add(description(name, s.bytes, s.created)));
            return out;
        }
        Path folder = owner.equals(FULL) ? root : root.resolve(owner);
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".snapshot")).sorted().toList()) {
                byte[] content = Files.readAllBytes(f);
                out.add(description(f.getFileName().toString(), content,
                        Files.getLastModifiedTime(f).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private synchronized void remove(String owner, String name) {
        if (root == null) {
            Map<String, Stored> of = inMemory.get(owner);
            if (of == null || of.remove(name) == null) {
                throw snapshotNotFound(name);
            }
            return;
        }
        Path file = file(owner, name);
        try {
            if (!Files.isRegularFile(file) || !Files.deleteIfExists(file)) {
                throw snapshotNotFound(name);
            }
            Files.deleteIfExists(file.resolveSibling(name + ".checksum"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a snapshot; a name that would leave the folder is a missing snapshot, as in Qdrant. */
    private Path file(String owner, String name) {
        Path folder = (owner.equals(FULL) ? root : root.resolve(owner)).toAbsolutePath().normalize();
        Path file = folder.resolve(name).normalize();
        if (name.isEmpty() || !file.getParent().equals(folder)) {
            throw snapshotNotFound(name);
        }
        return file;
    }

    private static io.grpc.StatusRuntimeException snapshotNotFound(String name) {
        return QdrantErrors.notFound("Snapshot " + name + " not found");
    }

    private static SnapshotDescription description(String name, byte[] content, Instant created) {
        return SnapshotDescription.newBuilder().setName(name).setSize(content.length).setChecksum(sha256(content))
                .setCreationTime(Timestamp.newBuilder().setSeconds(created.getEpochSecond())
                        .setNanos(created.getNano()))
                .build();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a snapshot file (of one collection or of the whole storage) into {@code storage}. */
    public static void load(Storage storage, InputStream in, String origin) throws IOException {
        if (!Dump.read(in, storage.loader())) {
            throw new IOException(origin + " is not a Qdrant emulator snapshot (it lacks the header "
                    + Dump.MAGIC + ")");
        }
    }
}
