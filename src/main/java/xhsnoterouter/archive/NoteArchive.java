package xhsnoterouter.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 * The archive of fetched notes: {@code notes/<id>.json} (the response as received, written atomically) and
 * one {@code records.jsonl} line per fetch. The note file is written first, so a record never points at a
 * note that is not on disk.
 */
public final class NoteArchive implements AutoCloseable {

    private final Path notesDir;
    private final Path recordsFile;
    private final Path failedDir;
    private final Clock clock;
    private FileChannel records;

    public NoteArchive(Path outboxDir, Clock clock) {
        this.notesDir = outboxDir.resolve("notes");
        this.recordsFile = outboxDir.resolve("records.jsonl");
        this.failedDir = outboxDir.resolve("failed");
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
        AtomicFiles.write(noteFile(id), archiveJson(task, fetchedAt));
        NoteRecord record = NoteRecord.from(task.response(), id, fetchedAt, task.source());
        try {
            appendRecord(record);
        } catch (IOException e) {
            // No record line, no archive: otherwise the note would count as fetched while records.jsonl lacks it.
            Files.deleteIfExists(noteFile(id));
            throw e;
        }
        Files.deleteIfExists(failedDir.resolve(id.value() + ".json"));
        return record;
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
            json.writeEndObject();
            json.writeFieldName("response");
            json.writeRawValue(new String(task.body(), StandardCharsets.UTF_8));
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Appends one records.jsonl line; crash recovery appends through here too. */
    void appendRecord(NoteRecord record) throws IOException {
        appendLine(Json.MAPPER.writeValueAsBytes(record));
    }

    /** One write call per whole line, under a lock: lines never interleave. */
    private synchronized void appendLine(byte[] json) throws IOException {
        if (records == null || !records.isOpen()) {
            Files.createDirectories(recordsFile.getParent());
            records = FileChannel.open(recordsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        long before = records.size();
        try {
            while (line.hasRemaining()) {
                records.write(line);
            }
        } catch (IOException e) {
            // No half line left behind for the next one to run into; open the file afresh next time (it may have
            // been replaced, or the disk freed, in between).
            try {
                records.truncate(before);
            } catch (IOException | UnsupportedOperationException ignored) {
                // A crash recovery cuts a torn last line too.
            }
            records.close();
            records = null;
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (records != null) {
            records.close();
        }
    }
}
