package xhsnoterouter.ingest;

import java.io.IOException;
import java.nio.charset.CharsetDecoder;

/** {@code .txt}: one entry per line; blank lines and {@code #} comments are not entries. */
final class TxtEntryReader extends AbstractEntryReader {

    private final LineReader lines;
    private final CharsetDecoder decoder = Utf8.strictDecoder();

    TxtEntryReader(ByteSource in) {
        super(in);
        this.lines = new LineReader(in, EntryReaders.MAX_ENTRY_BYTES);
    }

    @Override
    protected RawEntry readNext() throws IOException {
        while (lines.next()) {
            byte[] bytes = lines.bytes();
            int n = lines.stored();
            int first = 0;
            while (first < n && (bytes[first] == ' ' || bytes[first] == '\t')) {
                first++;
            }
            // Judged on the raw bytes so that a comment in another encoding, or a huge one, is still just a comment.
            if (first < n && bytes[first] == '#' || first == n && !lines.tooLong()) {
                continue;
            }
            long line = lines.number();
            if (lines.tooLong()) {
                return RawEntry.bad(line, Utf8.preview(bytes, n),
                        "line is " + lines.length() + " bytes long; the limit is " + EntryReaders.MAX_ENTRY_BYTES);
            }
            String text = Utf8.decode(bytes, n, decoder);
            if (text == null) {
                return RawEntry.bad(line, Utf8.preview(bytes, n), "line is not valid UTF-8");
            }
            text = text.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                return RawEntry.ok(line, text);
            }
        }
        return null;
    }

    @Override
    protected long currentLine() {
        return lines.number() + 1;
    }

    /** For tests: the most bytes of one line this reader ever holds. */
    int lineBufferCapacity() {
        return lines.capacity();
    }
}
