package xhsnoterouter.ingest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

/**
 * Notes that were not tried because the account stopped or the app was stopping: written per batch to
 * {@code state/pending/<file>@<time>.pending.jsonl} (as {@code .part} until the batch ends), and read back as
 * an input file on the next start or when the account works again.
 */
public final class PendingNotes implements AutoCloseable {

    public static final String SUFFIX = ".pending.jsonl";
    /** Marks the pending file of a batch whose notes are fetched even when archived (a watchlist run). */
    private static final String REFETCH = "-refetch";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Map<Batch, Open> open = new ConcurrentHashMap<>();

    private record Open(Path part, Path done, BufferedWriter writer) {
    }

    public PendingNotes(Path stateDir) {
        this.dir = stateDir.resolve("pending");
    }

    public Path dir() {
        return dir;
    }

    public void keep(NoteTask task) throws IOException {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("input", task.input());
        // A short link not resolved yet has no ID: its original text is read back and resolved on the next run.
        line.put("noteId", task.noteId() == null ? null : task.noteId().value());
        line.put("file", task.source().file());
        line.put("line", task.source().line());
        String json = Json.MAPPER.writeValueAsString(line);
        Open target = writerFor(task.batch());
        synchronized (target) {
            target.writer().write(json);
            target.writer().write('\n');
        }
    }

    private Open writerFor(Batch batch) throws IOException {
        try {
            return open.computeIfAbsent(batch, b -> {
                try {
                    Files.createDirectories(dir);
                    String base = safe(b.name()) + "@" + STAMP.format(Instant.now()) + (b.refetch() ? REFETCH : "") + SUFFIX;
                    Path part = dir.resolve(base + ".part");
                    return new Open(part, dir.resolve(base), Files.newBufferedWriter(part, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Makes the batch's pending notes visible for the next run; no file when none were kept. */
    public void batchEnded(Batch batch) throws IOException {
        Open target = open.remove(batch);
        if (target != null) {
            synchronized (target) {
                target.writer().close();
            }
            Files.move(target.part(), target.done(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Notes in finished pending files, except those files being processed now (counted by their batches). */
    public long notesWaitingOnDisk(Set<Path> beingProcessed) {
        long count = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(SUFFIX) && !beingProcessed.contains(file.toAbsolutePath())) {
                    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                        count += lines.filter(l -> !l.isBlank()).count();
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A count for an event only: what could be read is what is reported.
        }
        return count;
    }

    /** The input file name a pending file was made from. */
    public static String originalName(Path pendingFile) {
        String name = pendingFile.getFileName().toString();
        int at = name.lastIndexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }

    /** Whether the notes of a pending file are fetched even when archived. */
    public static boolean isRefetch(Path pendingFile) {
        return pendingFile.getFileName().toString().endsWith(REFETCH + SUFFIX);
    }

    /** Reads a pending file back as entries on their original lines. */
    public static EntryReader read(Path pendingFile) throws IOException {
        BufferedReader reader = Files.newBufferedReader(pendingFile, StandardCharsets.UTF_8);
        return new EntryReader() {
            private RawEntry next = advance();

            private RawEntry advance() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        if (text.isBlank()) {
                            continue;
                        }
                        JsonNode node = Json.MAPPER.readTree(text);
                        return RawEntry.ok(node.path("line").asLong(), node.path("input").asText());
                    }
                    return null;
                } catch (IOException e) {
                    return RawEntry.bad(0, "", "reading the pending file stopped: " + e.getMessage());
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RawEntry next() {
                RawEntry current = next;
                next = current.isOk() ? advance() : null;
                return current;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static String safe(String name) {
        return name.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^\\.+", "_");
    }

    @Override
    public void close() throws IOException {
        for (Batch batch : open.keySet()) {
            batchEnded(batch);
        }
    }
}
