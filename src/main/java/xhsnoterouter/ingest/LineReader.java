package xhsnoterouter.ingest;

import java.io.IOException;

/**
 * Splits a byte stream into lines at LF, dropping a CR at line end. Only the first {@code maxBytes} of a line are
 * kept; the rest is counted and dropped, so a 10 MB line costs no more memory than a short one.
 */
final class LineReader {

    private final ByteSource in;
    private final int maxBytes;
    private byte[] buf = new byte[256];
    private int stored;
    private long length;
    private long number;

    LineReader(ByteSource in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Moves to the next line; false at end of file. */
    boolean next() throws IOException {
        int b = in.read();
        if (b < 0) {
            return false;
        }
        byte[] bytes = buf;
        int n = 0;
        long total = 0;
        int last = -1;
        while (b >= 0 && b != '\n') {
            if (n < maxBytes) {
                if (n == bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, Math.min(maxBytes, bytes.length * 2));
                    buf = bytes;
                }
                bytes[n++] = (byte) b;
            }
            total++;
            last = b;
            b = in.read();
        }
        if (last == '\r') {
            total--;
            if (n > total) {
                n--;
            }
        }
        number++;
        stored = n;
        length = total;
        return true;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** Byte length of the current line without its line break, however long. */
    long length() {
        return length;
    }

    boolean tooLong() {
        return length > maxBytes;
    }

    /** The current line's bytes (the first {@link #stored()} of them, at most maxBytes). */
    byte[] bytes() {
        return buf;
    }

    int stored() {
        return stored;
    }

    /** For tests: the line buffer never grows past the limit. */
    int capacity() {
        return buf.length;
    }
}
