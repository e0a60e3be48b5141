package xhsnoterouter.archive;

import java.io.IOException;
import java.nio.file.Path;

import xhsnoterouter.Json;
import xhsnoterouter.api.ApiUrls;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;

/** Writes {@code failed/<key>.json} for each note that did not end fetched. */
public final class FailureArchive {

    private static final int INPUT_LIMIT = 1000;

    private final Path failedDir;
    private final ApiUrls urls;

    public FailureArchive(Path outboxDir, ApiUrls urls) {
        this.failedDir = outboxDir.resolve("failed");
        this.urls = urls;
    }

    /** @return what was written to {@code failed/<key>.json} */
    public FailureRecord record(NoteTask task) throws IOException {
        FailureRecord record = new FailureRecord(
                preview(task.input()),
                task.noteId() == null ? null : task.noteId().value(),
                task.source(),
                task.reason().name(),
                task.lastCode(),
                task.lastHttpStatus(),
                urls.mask(task.lastMessage()),
                task.attempts(),
                task.firstAttemptAt() == null ? null : task.firstAttemptAt().toString(),
                task.lastAttemptAt() == null ? null : task.lastAttemptAt().toString());
        Path file = failedDir.resolve(key(task) + ".json");
        AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        return record;
    }

    public static String key(NoteTask task) {
        if (task.noteId() != null) {
            return task.noteId().value();
        }
        Source source = task.source();
        // A short link that led to no note is keyed like an invalid entry, by where it was read.
        String kind = task.shortLink() != null ? "link-" : "invalid-";
        // Entries sharing a line (a one-line JSON array) each keep their own file: -<line>-2, -<line>-3 ...
        return kind + safeName(source.file()) + "-" + source.line() + (source.part() == 0 ? "" : "-" + (source.part() + 1));
    }

    /** A file name that stays inside failed/: letters and digits of any script, '.', '-', '_'. */
    static String safeName(String name) {
        StringBuilder safe = new StringBuilder();
        name.codePoints().limit(100).forEach(c ->
                safe.appendCodePoint(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_'));
        String result = safe.toString().replaceAll("^\\.+", "_");
        return result.isEmpty() ? "_" : result;
    }

    private static String preview(String input) {
        if (input == null || input.length() <= INPUT_LIMIT) {
            return input;
        }
        return input.substring(0, INPUT_LIMIT) + "…(" + input.length() + " characters)";
    }
}
