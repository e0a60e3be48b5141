package xhsnoterouter.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered byte stream. The readers work byte by byte so that no line or value is ever held beyond the entry
 * limit; a plain BufferedInputStream would do too, but its reads are synchronized.
 */
final class ByteSource extends InputStream {

    /** How much of the file's start is looked at to tell text from binary. */
    static final int SNIFF_BYTES = 8192;

    private final InputStream in;
    private final byte[] buf = new byte[SNIFF_BYTES];
    private int pos;
    private int lim;
    private boolean eof;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /** Fills the buffer with the file's first bytes (fewer only at end of file), for {@link #startsLikeBinary()}. */
    void prime() throws IOException {
        while (lim < buf.length && !eof) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
            } else {
                lim += n;
            }
        }
    }

    /** Text files never hold NUL; binary formats (images, zips, UTF-16 text) almost always do early on. */
    boolean startsLikeBinary() {
        for (int i = pos; i < lim; i++) {
            if (buf[i] == 0) {
                return true;
            }
        }
        return false;
    }

    void skipBom() {
        if (lim - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
            pos += 3;
        }
    }

    @Override
    public int read() throws IOException {
        if (pos < lim) {
            return buf[pos++] & 0xff;
        }
        return fill() ? buf[pos++] & 0xff : -1;
    }

    /** How many bytes can be read without waiting for the file. */
    int buffered() {
        return lim - pos;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= lim && !fill()) {
            return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (!eof) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
            } else if (n > 0) {
                pos = 0;
                lim = n;
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        eof = true;
        pos = lim;
        in.close();
    }
}
