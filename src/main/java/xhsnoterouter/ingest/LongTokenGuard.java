package xhsnoterouter.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Sits between the file and Jackson, which buffers a whole string or number before handing it over: any token
 * longer than the limit is cut short here, so a hostile 10 MB value costs about the limit in memory. Cut strings
 * stay valid JSON (cut at a character boundary, closing quote kept) and are remembered by their offset in the
 * stream Jackson sees, so the reader can tell a cut string from a genuine one and report it as too long.
 * Field names are cut much shorter (Jackson refuses long names outright, and no wanted key is long); telling a
 * name from a value needs the container kind at each depth, tracked as deep as Jackson would go and a bit more.
 */
final class LongTokenGuard extends FilterInputStream {

    /** A string that was cut: where it starts (its opening quote) and its full length in bytes once known. */
    static final class Cut {
        final long offset;
        long length = -1;

        Cut(long offset) {
            this.offset = offset;
        }
    }

    /** Longer than any key the reader looks for, far below Jackson's own limit on names. */
    static final int MAX_NAME_BYTES = 256;
    private static final int TRACKED_DEPTH = 256;

    private final int maxBytes;
    private final boolean[] objectAt = new boolean[TRACKED_DEPTH + 1];
    private int depth;
    private boolean expectName;
    private boolean isName;
    private final ArrayDeque<Cut> cuts = new ArrayDeque<>();
    private long outPos;
    private boolean inString;
    private boolean inBareToken;
    private boolean escape;
    private int hexLeft;
    private boolean skipping;
    private long tokenStart;
    private long tokenLength;
    private Cut current;

    LongTokenGuard(InputStream in, int maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    /**
     * The full byte length of the string token at {@code offset} if it was cut, else null. Offsets must be asked
     * in increasing order: cuts before it (in values the reader skipped) are forgotten.
     */
    Long cutLength(long offset) {
        while (!cuts.isEmpty() && cuts.peekFirst().offset < offset) {
            cuts.pollFirst();
        }
        Cut cut = cuts.peekFirst();
        return cut != null && cut.offset == offset ? cut.length : null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = in.read(b, off, len);
            if (n < 0) {
                return -1;
            }
            int w = off;
            for (int i = off; i < off + n; i++) {
                if (keep(b[i] & 0xff)) {
                    b[w++] = b[i];
                    outPos++;
                }
            }
            if (w > off) {
                return w - off;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private boolean keep(int c) {
        if (inString) {
            return stringByte(c);
        }
        if (c == '"') {
            inString = true;
            isName = expectName;
            expectName = false;
            inBareToken = false;
            escape = false;
            hexLeft = 0;
            skipping = false;
            tokenStart = outPos;
            tokenLength = 0;
            return true;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            inBareToken = false;
            return true;
        }
        if (c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}') {
            inBareToken = false;
            structure(c);
            return true;
        }
        // A number, literal or garbage: only its length matters (Jackson rejects long numbers anyway).
        if (!inBareToken) {
            inBareToken = true;
            skipping = false;
            tokenLength = 0;
        }
        if (!skipping && tokenLength >= maxBytes && !isContinuation(c)) {
            skipping = true;
        }
        tokenLength++;
        return !skipping;
    }

    private boolean stringByte(int c) {
        if (escape) {
            escape = false;
            if (c == 'u') {
                hexLeft = 4;
            }
            tokenLength++;
            return !skipping;
        }
        if (hexLeft > 0) {
            hexLeft--;
            tokenLength++;
            return !skipping;
        }
        if (c == '"') {
            inString = false;
            if (current != null) {
                current.length = tokenLength;
                current = null;
            }
            return true;
        }
        if (!skipping && tokenLength >= (isName ? MAX_NAME_BYTES : maxBytes) && !isContinuation(c)) {
            skipping = true;
            if (!isName) {
                current = new Cut(tokenStart);
                cuts.addLast(current);
            }
        }
        if (c == '\\') {
            escape = true;
        }
        tokenLength++;
        return !skipping;
    }

    private void structure(int c) {
        switch (c) {
            case '{', '[' -> {
                depth++;
                if (depth <= TRACKED_DEPTH) {
                    objectAt[depth] = c == '{';
                }
                expectName = c == '{';
            }
            case '}', ']' -> {
                depth = Math.max(0, depth - 1);
                expectName = false;
            }
            case ',' -> expectName = depth > 0 && depth <= TRACKED_DEPTH && objectAt[depth];
            default -> expectName = false;
        }
    }

    private static boolean isContinuation(int c) {
        return (c & 0xC0) == 0x80;
    }
}
