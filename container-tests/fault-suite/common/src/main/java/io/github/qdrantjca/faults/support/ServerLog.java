package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.support.Texts.abbreviate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's log files as the scenarios read them: whole, counted, or the part written since a mark. */
final class ServerLog {

    private final FaultServer server;

    ServerLog(FaultServer server) {
        this.server = server;
    }

    /** Lines of the server logs that match {@code regex}. */
    long count(String regex) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        long n = 0;
        for (Path log : server.serverLogs()) {
            try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                n += lines.filter(l -> pattern.matcher(l).find()).count();
            }
        }
        return n;
    }

    /** The sizes of the server's log files now: where {@link #since} starts reading. */
    Map<Path, Long> mark() throws IOException {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path log : server.serverLogs()) {
            sizes.put(log, Files.size(log));
        }
        return sizes;
    }

    /** The log records written since {@code mark} (a file that is new or shorter is read from its start). */
    Slice since(Map<Path, Long> mark) throws IOException {
        Slice slice = new Slice();
        for (Path log : server.serverLogs()) {
            long from = mark.getOrDefault(log, 0L);
            try (var channel = Files.newByteChannel(log);
                    var reader = new BufferedReader(Channels.newReader(
                            channel.position(from <= channel.size() ? from : 0), StandardCharsets.ISO_8859_1))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    slice.add(line);
                }
            }
            slice.end();
        }
        return slice;
    }

    /**
     * The records (a line with a time stamp and the lines up to the next such line) of a slice of
     * server log, at WARNING or above, sorted as far as connection error events are concerned: the
     * adapter's line for each event it reported; the server's records that quote the event's
     * exception ("... is broken (...)", as WildFly's IJ000305 does; Payara prints nothing); records
     * of event listeners that threw; records naming exceptions that only a server bug throws.
     */
    static final class Slice {
        private static final Pattern ANSI = Pattern.compile("\\x1B\\[[0-9;]*m");
        private static final Pattern STAMP = Pattern.compile("^\\[?\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d");
        private static final Pattern LEVEL = Pattern.compile("\\b(WARNING|WARN|ERROR|SEVERE|FATAL)\\b");
        private static final Pattern SERIOUS = Pattern.compile("\\b(ERROR|SEVERE|FATAL)\\b");
        /** What a server's own code throws when its pool state is wrong (the adapter refuses with jakarta.resource ones). */
        private static final Pattern SERVER_BUG = Pattern.compile("java\\.lang\\.IllegalStateException"
                + "|java\\.util\\.ConcurrentModificationException|java\\.lang\\.NullPointerException");
        private static final Pattern CODE = Pattern.compile("\\b(IJ\\d{6}|RAR\\d{4}|WFLY\\w+\\d{4,})\\b");
        private static final Pattern LOGGER = Pattern.compile("\\[((?:[a-z_$][\\w$]*\\.)+[\\w$]+)\\]");
        /** The official Qdrant client, which logs every failed call at ERROR. */
        private static final String QDRANT_CLIENT = "io.qdrant.client.";
        private static final int EXAMPLES = 20;

        /** The adapter's line for each event it reported. */
        long events;
        /** The adapter's records of a connection that failed the server's validation. */
        long validationFailures;
        /** The server's records quoting an event's exception. */
        long quoted;
        /** Those of them that show the connection had no handle ("handles=0" in its description). */
        long quotedWithoutHandle;
        /** Records of the adapter telling that a listener of the server threw. */
        final List<String> listenerFailures = new ArrayList<>();
        /** Records naming exceptions of a server's own bugs, or at ERROR (other than the Qdrant client's). */
        final List<String> serverBugs = new ArrayList<>();
        /** The other records at WARNING or above, counted by message code (or logger and level). */
        final Map<String, Long> others = new TreeMap<>();
        /** The first lines of the first {@value #EXAMPLES} other records. */
        final List<String> unexplained = new ArrayList<>();
        private final List<String> record = new ArrayList<>();

        void add(String raw) {
            String line = ANSI.matcher(raw).replaceAll("");
            boolean starts = STAMP.matcher(line).find();
            if (starts) {
                end();
            }
            if (starts || !record.isEmpty()) {
                record.add(line);
            }
        }

        /** Sorts the record read so far. */
        void end() {
            if (record.isEmpty()) {
                return;
            }
            String head = record.get(0);
            String text = String.join("\n", record);
            record.clear();
            Matcher level = LEVEL.matcher(head.substring(0, Math.min(head.length(), 80)));
            if (!level.find()) {
                return;
            }
            String first = abbreviate(head, 400);
            if (head.contains("Connection event listener failed on")) {
                listenerFailures.add(abbreviate(text, 2000));
            } else if (head.contains("reporting it to the container")) {
                events++;
                return;
            } else if (head.contains(" failed validation: ")) {
                validationFailures++;
                return;
            } else if (head.contains(" is broken (") && !SERVER_BUG.matcher(text).find()) {
                quoted++;
                quotedWithoutHandle += head.contains("handles=0") ? 1 : 0;
                return;
            }
            Matcher code = CODE.matcher(head);
            Matcher logger = LOGGER.matcher(head);
            String source = logger.find() ? logger.group(1) : "?";
            if (SERVER_BUG.matcher(text).find()
                    || SERIOUS.matcher(level.group()).find() && !source.startsWith(QDRANT_CLIENT)) {
                serverBugs.add(abbreviate(text, 2000));
            }
            others.merge(code.find() ? code.group(1) : source + " " + level.group(), 1L, Long::sum);
            if (unexplained.size() < EXAMPLES) {
                unexplained.add(first);
            }
        }

        String summary() {
            return "server log: " + events + " adapter lines reporting an event, " + validationFailures
                    + " failed validations, " + quoted
                    + " server records quoting the event (" + quotedWithoutHandle + " on a connection with no handle), "
                    + "listeners that threw " + listenerFailures.size() + ", server errors " + serverBugs.size()
                    + ", other warnings " + (others.isEmpty() ? "none" : abbreviate(others.toString(), 400));
        }
    }
}
