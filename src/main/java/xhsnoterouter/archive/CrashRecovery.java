package xhsnoterouter.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;

/**
 * Puts the outbox right after a run that did not stop cleanly (killed, power cut). A run marks itself in
 * {@code state/running} (with its start time) and removes the mark when it stops cleanly; a mark found at
 * start means the last run was cut off, and then:
 * <ul>
 * <li>a partial last line of {@code records.jsonl} (the process died mid-write) is cut off;</li>
 * <li>a note archived in {@code notes/} whose {@code records.jsonl} line for that fetch was never written gets
 * it, rebuilt from the archive (so the archive and the records stay one line per fetch), and so does its
 * {@code snapshots/<id>.jsonl} line; {@code records.csv} is then written anew from {@code records.jsonl};</li>
 * <li>the notes archived in the last seconds before the run stopped answering (the mark's time, renewed every
 * few seconds, tells when) have their {@code note.fetched} event raised again, with the same deliveryId, in
 * case the kill came before it was journalled;</li>
 * <li>unfinished pending files ({@code *.part}) and temporary files of unfinished atomic writes go (in notes/,
 * failed/, reports/, the delivery journal and spool): the input they came from is still in the inbox (or in its
 * pending file) and is read again; a delivery whose journal write was cut off is raised again as above.</li>
 * </ul>
 */
public final class CrashRecovery {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.archive");
    private static final String ID_PREFIX = "{\"noteId\":\"";

    private final Path outbox;
    private final Path state;
    private final Path marker;
    private final NoteArchive archive;
    private final Clock clock;

    public CrashRecovery(Path outbox, Path state, NoteArchive archive, Clock clock) {
        this.archive = archive;
        this.outbox = outbox;
        this.state = state;
        this.marker = state.resolve("running");
        this.clock = clock;
    }

    /**
     * What a recovery did, for the log and for tests. {@code recent}: the notes archived just before the run
     * stopped answering, whose events are raised again.
     */
    public record Result(boolean needed, boolean cutPartialLine, int restored, List<NoteRecord> recent, int removedFiles,
                         int snapshotsRestored) {
    }

    /** How far before the last sign of life an archived note counts as "just before the crash". */
    static final Duration RECENT = Duration.ofSeconds(15);

    /** Repairs what the last run left if it did not stop cleanly, then marks this run as running. */
    public Result recoverAndMark() throws IOException {
        Result result = new Result(false, false, 0, List.of(), 0, 0);
        if (Files.exists(marker)) {
            Instant since = lastStart().minusSeconds(5);
            Instant lastAlive = Files.getLastModifiedTime(marker).toInstant();
            LOG.warn("The last run did not stop cleanly (started {}, last seen {}): checking outbox/ and state/",
                    since.plusSeconds(5), lastAlive);
            boolean cut = cutPartialLastLine(outbox.resolve("records.jsonl"));
            Map<String, Instant> archived = archivedSince(since);
            int restored = restoreMissingRecords(archived.keySet());
            int snapshots = restoreMissingSnapshots(archived.keySet());
            int rows = archive.rebuildCsv();
            Instant recentSince = lastAlive.minus(RECENT);
            List<NoteRecord> recent = archived.entrySet().stream().filter(e -> !e.getValue().isBefore(recentSince))
                    .map(e -> record(archiveFile(e.getKey()))).filter(Objects::nonNull).toList();
            int removed = removeUnfinishedFiles();
            result = new Result(true, cut, restored, recent, removed, snapshots);
            LOG.warn("Recovery done: {} partial records.jsonl line cut, {} records.jsonl lines and {} snapshot lines "
                    + "restored from notes/, records.csv rewritten ({} rows), {} unfinished files removed, note.fetched "
                    + "raised again for {} notes archived just before", cut ? 1 : 0, restored, snapshots, rows, removed,
                    recent.size());
        }
        Files.createDirectories(state);
        AtomicFiles.write(marker, clock.instant().toString().getBytes(StandardCharsets.UTF_8));
        return result;
    }

    /** A sign of life, every few seconds: the mark's time bounds what counts as "just before a crash". */
    public void heartbeat() {
        try {
            Files.setLastModifiedTime(marker, FileTime.from(clock.instant()));
        } catch (IOException e) {
            LOG.debug("heartbeat", e);
        }
    }

    /** This run stopped cleanly: nothing to repair next time. */
    public void markCleanStop() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.debug("marker", e);
        }
    }

    private Instant lastStart() {
        try {
            return Instant.parse(Files.readString(marker).trim());
        } catch (IOException | DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    static boolean cutPartialLastLine(Path records) throws IOException {
        if (!Files.isRegularFile(records) || Files.size(records) == 0) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(records.toFile(), "rw")) {
            long end = file.length();
            file.seek(end - 1);
            if (file.read() == '\n') {
                return false;
            }
            long keep = end - 1;
            while (keep > 0) {
                file.seek(keep - 1);
                if (file.read() == '\n') {
                    break;
                }
                keep--;
            }
            file.setLength(keep);
            return true;
        }
    }

    /**
     * Of the notes archived since the last run started, those without a records.jsonl line for that very fetch
     * (same ID and fetchedAt: a watchlist fetches a note many times) get one.
     */
    private int restoreMissingRecords(Set<String> archivedIds) throws IOException {
        Set<String> missing = new HashSet<>();
        for (String id : archivedIds) {
            missing.add(id + " " + History.fetchedAt(archiveFile(id)));
        }
        Path records = outbox.resolve("records.jsonl");
        if (!missing.isEmpty() && Files.exists(records)) {
            try (BufferedReader lines = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null && !missing.isEmpty()) {
                    if (line.startsWith(ID_PREFIX) && line.length() > ID_PREFIX.length() + 24) {
                        missing.remove(line.substring(ID_PREFIX.length(), ID_PREFIX.length() + 24) + " " + fetchedAt(line));
                    }
                }
            }
        }
        int restored = 0;
        for (String id : missing.stream().map(key -> key.substring(0, key.indexOf(' '))).sorted().toList()) {
            NoteRecord record = record(archiveFile(id));
            if (record != null) {
                archive.appendRecord(record);
                restored++;
            }
        }
        return restored;
    }

    /** The fetchedAt of a records.jsonl line: its last top-level field but one (text values escape their quotes). */
    private static String fetchedAt(String recordLine) {
        String key = ",\"fetchedAt\":\"";
        int at = recordLine.lastIndexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = recordLine.indexOf('"', start);
        return end < 0 ? null : recordLine.substring(start, end);
    }

    /** A torn last snapshot line is cut; a fetch whose snapshot line was never written gets it. */
    private int restoreMissingSnapshots(Set<String> archivedIds) throws IOException {
        int restored = 0;
        for (String id : archivedIds.stream().sorted().toList()) {
            Path file = archive.snapshotFile(id);
            cutPartialLastLine(file);
            String fetchedAt = History.fetchedAt(archiveFile(id));
            if (fetchedAt == null || lastLineHas(file, "\"fetchedAt\":\"" + fetchedAt + "\"")) {
                continue;
            }
            NoteRecord record = record(archiveFile(id));
            if (record != null) {
                archive.appendSnapshot(record);
                restored++;
            }
        }
        return restored;
    }

    private static boolean lastLineHas(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        String last = null;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                last = line;
            }
        }
        return last != null && last.contains(text);
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList();
        }
    }

    /** The notes archived since {@code since}, with when: one listing of notes/ serves both repairs. */
    private Map<String, Instant> archivedSince(Instant since) throws IOException {
        Map<String, Instant> archived = new HashMap<>();
        Path notes = outbox.resolve("notes");
        if (!Files.isDirectory(notes)) {
            return archived;
        }
        try (Stream<Path> files = Files.list(notes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                if (name.endsWith(".json") && !name.startsWith(".") && !modified.isBefore(since)) {
                    archived.put(name.substring(0, name.length() - ".json".length()), modified);
                }
            }
        }
        return archived;
    }

    private Path archiveFile(String noteId) {
        return outbox.resolve("notes").resolve(noteId + ".json");
    }

    /** A notes/<id>.json archive read back into its records.jsonl record. */
    private static NoteRecord record(Path archiveFile) {
        try {
            JsonNode a = Json.MAPPER.readTree(archiveFile.toFile());
            NoteId id = NoteId.of(a.path("noteId").asText()).orElseThrow();
            JsonNode request = a.path("source").get("request");
            Source source = new Source(a.path("source").path("file").asText(), a.path("source").path("line").asLong(),
                    0, request);
            return NoteRecord.from(a.path("response"), id, Instant.parse(a.path("fetchedAt").asText()), source);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} cannot be read back ({}); its records.jsonl line is not restored", archiveFile, e.getMessage());
            return null;
        }
    }

    private int removeUnfinishedFiles() throws IOException {
        int removed = 0;
        List<Path> dirs = new ArrayList<>(List.of(state.resolve("pending"), outbox.resolve("notes"),
                outbox.resolve("failed"), outbox.resolve("reports"), outbox.resolve("report")));
        dirs.addAll(subfolders(state.resolve("deliveries")));
        dirs.addAll(subfolders(outbox.resolve("undelivered")));
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    boolean unfinished = name.endsWith(".part") || (name.startsWith(".") && name.endsWith(".tmp"));
                    if (unfinished && Files.deleteIfExists(file)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }
}
