package xhsnoterouter.ingest;

/**
 * One entry as read from an input file, before it is parsed as a note ID.
 *
 * @param line    1-based line where the entry starts
 * @param text    the trimmed text when {@code problem} is null; otherwise a preview (at most 200 chars, may be empty)
 * @param problem null when the text was read fine; otherwise a short human reason
 */
public record RawEntry(long line, String text, String problem) {

    /** Previews are for log lines and failure records, so they stay short whatever the input holds. */
    public static final int MAX_PREVIEW_CHARS = 200;

    public RawEntry {
        text = text == null ? "" : text;
    }

    public static RawEntry ok(long line, String text) {
        return new RawEntry(line, text, null);
    }

    public static RawEntry bad(long line, String preview, String problem) {
        return new RawEntry(line, Utf8.shorten(preview), problem);
    }

    public boolean isOk() {
        return problem == null;
    }
}
