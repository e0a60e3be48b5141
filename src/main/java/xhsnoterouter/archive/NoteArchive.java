package xhsnoterouter.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonGenerator;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;

/**
 * The archive of fetched notes: {@code notes/<id>.json} (the newest response as received, written atomically;
 * with history kept, the one it replaces moves to {@code notes/<id>/<fetchedAt>.json}), one line per fetch in
 * {@code records.jsonl} and {@code records.csv}, and one engagement line per fetch in
 * {@code snapshots/<id>.jsonl}. The note file is written first, so a record never points at a note that is not
 * on disk; if a record line cannot be written, the fetch is undone (the previous archive put back).
 */
public final class NoteArchive implements AutoCloseable {

    private final Path notesDir;
    private final Path recordsFile;
    private final Path csvFile;
    private final Path snapshotsDir;
    private final Path failedDir;
    private final boolean keepHistory;
    private final Clock clock;
    private FileChannel records;
    private FileChannel csv;

    public NoteArchive(Path outboxDir, boolean keepHistory, Clock clock) {
        this.notesDir = outboxDir.resolve("notes");
        this.recordsFile = outboxDir.resolve("records.jsonl");
        this.csvFile = outboxDir.resolve("records.csv");
        this.snapshotsDir = outboxDir.resolve("snapshots");
        this.failedDir = outboxDir.resolve("failed");
        this.keepHistory = keepHistory;
        this.clock = clock;
    }

    public boolean isArchived(NoteId id) {
        return Files.exists(noteFile(id));
    }

    public Path noteFile(NoteId id) {
        return notesDir.resolve(id.value() + ".json");
    }

    /** @return the record appended to {@code records.jsonl} */
    public NoteRecord archive(NoteTask task) throws IOException {
        Instant fetchedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        NoteId id = task.noteId();
        Path previous = keepHistory ? History.keep(noteFile(id), notesDir.resolve(id.value())) : null;
        AtomicFiles.write(noteFile(id), archiveJson(task, fetchedAt));
        NoteRecord record = NoteRecord.from(task.response(), id, fetchedAt, task.source());
        try {
            appendRecord(record);
        } catch (IOException e) {
            // No record line, no archive: otherwise the note would count as fetched while records.jsonl lacks it.
            Files.deleteIfExists(noteFile(id));
            if (previous != null) {
                Files.move(previous, noteFile(id));
            }
            throw e;
        }
        appendSnapshot(record);
        Files.deleteIfExists(failedDir.resolve(id.value() + ".json"));
        return record;
    }

    /**
     * One line of {@code snapshots/<id>.jsonl}. Written after the record line: a crash between the two is
     * repaired from the archive at the next start ({@link CrashRecovery}).
     */
    void appendSnapshot(NoteRecord record) throws IOException {
        Path file = snapshotsDir.resolve(record.noteId() + ".jsonl");
        byte[] line = Json.MAPPER.writeValueAsBytes(Snapshot.of(record));
        byte[] withNewline = java.util.Arrays.copyOf(line, line.length + 1);
        withNewline[line.length] = '\n';
        try {
            Files.write(file, withNewline, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(snapshotsDir);
            Files.write(file, withNewline, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    Path snapshotFile(String noteId) {
        return snapshotsDir.resolve(noteId + ".jsonl");
    }

    private static byte[] archiveJson(NoteTask task, Instant fetchedAt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(task.body().length + 256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("noteId", task.noteId().value());
            json.writeStringField("fetchedAt", fetchedAt.toString());
            json.writeObjectFieldStart("source");
            json.writeStringField("file", task.source().file());
            json.writeNumberField("line", task.source().line());
            if (task.source().request() != null) {
                json.writeFieldName("request");
                json.writeTree(task.source().request());
            }
            json.writeEndObject();
            json.writeFieldName("response");
            // The body's own bytes go in between, without a round trip through a String: decoding and encoding
            // again ~10 KB of mostly Chinese text was 40 % of a note's pipeline CPU (JFR, latency 0).
            json.writeRawValue("");
            json.flush();
            out.write(task.body());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Appends one records.jsonl line and the same record's records.csv row, both or neither; crash recovery
     * appends through here too. Under a lock: lines never interleave.
     */
    synchronized void appendRecord(NoteRecord record) throws IOException {
        byte[] json = Json.MAPPER.writeValueAsBytes(record);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        if (records == null || !records.isOpen()) {
            Files.createDirectories(recordsFile.getParent());
            records = open(recordsFile);
        }
        if (csv == null || !csv.isOpen()) {
            csv = open(csvFile);
            if (csv.size() == 0) {
                write(csv, ByteBuffer.wrap(RecordsCsv.header()), 0);
            }
        }
        long recordsBefore = records.size();
        long csvBefore = csv.size();
        write(records, line, recordsBefore);
        try {
            write(csv, ByteBuffer.wrap(RecordsCsv.row(record)), csvBefore);
        } catch (IOException e) {
            undo(records, recordsBefore);
            records = null;
            throw e;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The whole buffer, or nothing: no half line is left for the next one to run into. */
    private void write(FileChannel channel, ByteBuffer bytes, long before) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            undo(channel, before);
            if (channel == records) {
                records = null;
            } else {
                csv = null;
            }
            throw e;
        }
    }

    /** Cuts the file back and closes it: it is opened afresh next time (it may be replaced, or the disk freed). */
    private static void undo(FileChannel channel, long size) throws IOException {
        try {
            channel.truncate(size);
        } catch (IOException | UnsupportedOperationException ignored) {
            // A crash recovery cuts a torn last line too.
        }
        channel.close();
    }

    /** After a crash: records.csv written anew from records.jsonl, so both hold the same rows. */
    synchronized int rebuildCsv() throws IOException {
        if (csv != null) {
            csv.close();
            csv = null;
        }
        return RecordsCsv.rebuild(recordsFile, csvFile);
    }

    @Override
    public synchronized void close() throws IOException {
        if (records != null) {
            records.close();
        }
        if (csv != null) {
            csv.close();
        }
    }
}
