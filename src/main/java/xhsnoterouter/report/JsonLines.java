package xhsnoterouter.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream of JSON lines into lines of bytes, not decoded into strings: each goes to Jackson's byte parser
 * as it is. Memory is one buffer the size of the longest line; a line longer than {@value #MAX_LINE} bytes is
 * skipped.
 */
final class JsonLines {

    static final int MAX_LINE = 8 * 1024 * 1024;

    interface Handler {
        void line(byte[] buffer, int offset, int length);
    }

    private JsonLines() {
    }

    /**
     * Hands every line to the handler, the last one too when it has no line break (a torn line then simply fails
     * to parse).
     *
     * @return the bytes read up to and including the last line break: where to go on from when the file grows
     */
    static long read(InputStream in, int bufferSize, Handler handler) throws IOException {
        byte[] buffer = new byte[bufferSize];
        int start = 0;
        int end = 0;
        long consumed = 0;
        boolean skipping = false;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer, end, buffer.length - end)) {
            int scanned = end;
            end += n;
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    if (!skipping) {
                        handler.line(buffer, start, i - start);
                    }
                    skipping = false;
                    consumed += i + 1 - start;
                    start = i + 1;
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
            } else if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (buffer.length < MAX_LINE) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE, buffer.length * 2));
                } else {
                    skipping = true;
                    consumed += end;
                    start = 0;
                    end = 0;
                }
            }
        }
        if (start < end && !skipping) {
            handler.line(buffer, start, end - start);
        }
        return consumed;
    }
}
