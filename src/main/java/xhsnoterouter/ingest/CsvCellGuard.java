package xhsnoterouter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Sits between the file and Commons CSV, which holds every value of a record whole, however long or many there are:
 * values are cut at the limit here, and once the reader has chosen its column the others shrink to one byte (enough
 * to tell a blank row) and those after it go. What was cut is remembered by its record's offset in the stream the
 * parser sees, with the line breaks it hid, so the reader can report a value's full length and the right line.
 * It reads values as the parser is set up to: quoted when the first non-blank byte is a quote, {@code ""} inside
 * quotes is one quote, text after a closing quote belongs to the value, and CR, LF and CRLF end a record.
 */
final class CsvCellGuard extends InputStream {

    private enum State { START, PLAIN, QUOTED, QUOTE_SEEN, AFTER_QUOTE }

    private final ByteSource in;
    private final int max;
    private int column = -1;
    private final byte[] pending = new byte[3];
    private int pendingLen;
    private long outPos;
    private long line = 1;
    private int previous = -1;
    private boolean lineBreak;
    private boolean afterCr;
    private boolean eof;

    private long recordStart;
    private int field;
    private int spent;
    private boolean restDropped;

    private State state = State.START;
    private int limit;
    private long length;
    private int kept;
    private boolean cutting;

    /** {record offset, field, full length} of each value cut at {@code max}. */
    private final ArrayDeque<long[]> cuts = new ArrayDeque<>();
    /** {output offset, count} of line breaks dropped with a value. */
    private final ArrayDeque<long[]> hidden = new ArrayDeque<>();
    private long hiddenSeen;
    private long unterminatedRecord = -1;

    CsvCellGuard(ByteSource in, int max) {
        this.in = in;
        this.max = max;
        startField(0);
    }

    /** From now on only this column is kept whole (before it: the records are kept within {@code max} bytes). */
    void keepOnly(int column) {
        this.column = column;
    }

    /** The full byte length of a record's value if it was cut, else -1. Records must be asked in order. */
    long cutLength(long recordOffset, int fieldIndex) {
        while (!cuts.isEmpty() && cuts.peekFirst()[0] < recordOffset) {
            cuts.pollFirst();
        }
        for (long[] cut : cuts) {
            if (cut[0] != recordOffset) {
                break;
            }
            if (cut[1] == fieldIndex) {
                return cut[2];
            }
        }
        return -1;
    }

    /** Line breaks the parser did not see before the record at this offset. Records must be asked in order. */
    long hiddenLinesBefore(long recordOffset) {
        while (!hidden.isEmpty() && hidden.peekFirst()[0] < recordOffset) {
            hiddenSeen += hidden.pollFirst()[1];
        }
        return hiddenSeen;
    }

    /** True when the file ended inside the quoted value of the record at this offset. */
    boolean unterminated(long recordOffset) {
        return unterminatedRecord == recordOffset;
    }

    /** The line being read, counted as the parser counts (CR, LF or CRLF). */
    long line() {
        return line;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        // Only the first byte may wait for the file: what was already filtered is handed over before a read can fail.
        while (n < len && (n == 0 || pendingLen > 0 || in.buffered() > 0)) {
            if (pendingLen > 0) {
                b[off + n++] = pending[0];
                System.arraycopy(pending, 1, pending, 0, --pendingLen);
                continue;
            }
            if (eof) {
                break;
            }
            int c = in.read();
            if (c < 0) {
                finish();
            } else {
                accept(c);
            }
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void accept(int c) {
        lineBreak = c == '\r' || c == '\n' && previous != '\r';
        previous = c;
        if (lineBreak) {
            line++;
        }
        if (afterCr && c == '\n') {
            afterCr = false;
            emit(c);
            recordStart = outPos;
            return;
        }
        afterCr = false;
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_SEEN; // "" or the closing quote: the next byte tells
                } else {
                    content(c, 1);
                }
            }
            case QUOTE_SEEN -> {
                if (c == '"') {
                    state = State.QUOTED;
                    content(c, 2);
                } else {
                    state = State.AFTER_QUOTE;
                    syntax('"');
                    outside(c);
                }
            }
            default -> outside(c);
        }
    }

    private void outside(int c) {
        if (c == ',') {
            endField();
            if (column < 0 && spent >= max) {
                restDropped = true;
            }
            startField(field + 1);
            syntax(c);
            spent++;
        } else if (c == '\r' || c == '\n') {
            endField();
            emit(c);
            afterCr = c == '\r';
            recordStart = outPos;
            spent = 0;
            restDropped = false;
            startField(0);
        } else if (state == State.START && c == '"') {
            state = State.QUOTED;
            syntax(c);
        } else if (state == State.START && Character.isWhitespace(c)) {
            syntax(c); // the parser skips leading blanks without holding them, so they need no cut
        } else {
            if (state == State.START) {
                state = State.PLAIN;
            }
            content(c, 1);
        }
    }

    /** One byte of a value ({@code bytes} 2 for a doubled quote, which must stay whole). */
    private void content(int c, int bytes) {
        length++;
        boolean continuation = (c & 0xC0) == 0x80 && kept > 0 && kept < limit + 3;
        if (!cutting && (kept >= limit || column < 0 && spent >= max) && !continuation) {
            cutting = true;
        }
        if (cutting) {
            if (lineBreak) {
                hide();
            }
            return;
        }
        kept++;
        spent++;
        for (int i = 0; i < bytes; i++) {
            emit(c);
        }
    }

    private void syntax(int c) {
        if (limit > 0) {
            emit(c);
        }
    }

    private void startField(int index) {
        field = index;
        state = State.START;
        length = 0;
        kept = 0;
        cutting = false;
        if (restDropped) {
            limit = 0;
        } else if (column < 0 || index == column) {
            limit = max;
        } else {
            limit = index < column ? 1 : 0;
        }
    }

    private void endField() {
        if (state == State.QUOTE_SEEN) {
            syntax('"');
        }
        if (limit == max && length > kept) {
            cuts.addLast(new long[] {recordStart, field, length});
        }
    }

    private void finish() {
        eof = true;
        if (state == State.QUOTED) {
            unterminatedRecord = recordStart;
        }
        endField();
    }

    private void hide() {
        long[] last = hidden.peekLast();
        if (last != null && last[0] == outPos) {
            last[1]++;
        } else {
            hidden.addLast(new long[] {outPos, 1});
        }
    }

    private void emit(int c) {
        pending[pendingLen++] = (byte) c;
        outPos++;
    }
}
