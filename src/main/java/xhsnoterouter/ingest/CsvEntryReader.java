package xhsnoterouter.ingest;

import java.io.IOException;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code .csv} (RFC 4180, leniently). Parsed byte by byte rather than line by line: a quoted value may span lines,
 * and the quote state must stay right even through a value too long to keep. Of each record only the chosen
 * column is kept (at most {@link EntryReaders#MAX_ENTRY_BYTES} of it), so wide or long records cost no memory.
 */
final class CsvEntryReader extends AbstractEntryReader {

    /** Header names that pick the column, in order of preference. */
    private static final List<String> HEADER_NAMES = List.of("noteid", "note_id", "url", "link");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final int MAX = EntryReaders.MAX_ENTRY_BYTES;
    private static final int KEEP_ALL = -1;

    private static final int START = 0;        // at a field's start, or only blanks seen so far
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;  // closing quote seen; anything up to the comma is taken literally

    private final ByteSource in;
    private final CharsetDecoder decoder = Utf8.strictDecoder();
    private final Cell reusedCell = new Cell();
    private long line = 1;
    private boolean columnChosen;
    private int column;
    private String columnName;
    private boolean ended;
    private int budget;

    CsvEntryReader(ByteSource in) {
        super(in);
        this.in = in;
    }

    @Override
    protected RawEntry readNext() throws IOException {
        while (!ended) {
            Record record = readRecord(columnChosen ? column : KEEP_ALL);
            if (record == null) {
                ended = true;
                return null;
            }
            if (record.blank) {
                continue;
            }
            if (!columnChosen) {
                columnChosen = true;
                if (chooseColumn(record) && !record.unterminated) {
                    continue;
                }
            }
            if (record.unterminated) {
                ended = true;
                Cell cell = record.chosen;
                return RawEntry.bad(record.line, cell == null ? "" : Utf8.preview(cell.bytes, cell.len),
                        "quoted value is not closed before the end of the file");
            }
            RawEntry entry = toEntry(record);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** Picks the column from the first record; true when that record is a header rather than data. */
    private boolean chooseColumn(Record first) {
        List<String> names = new ArrayList<>();
        for (Cell cell : first.cells) {
            String text = cell.complete() ? Utf8.decode(cell.bytes, cell.len, decoder) : null;
            names.add(text == null ? null : text.strip());
        }
        for (String wanted : HEADER_NAMES) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) != null && names.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                    column = i;
                    columnName = names.get(i);
                    return true;
                }
            }
        }
        column = 0;
        String firstCell = names.get(0);
        first.chosen = first.cells.get(0);
        columnName = firstCell == null || firstCell.isEmpty() ? "1" : firstCell;
        // A first cell that cannot be read (too long, not UTF-8) is taken as data, so it is reported, not dropped.
        return !(firstCell == null || looksLikeData(firstCell));
    }

    private static boolean looksLikeData(String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        return lower.contains("xiaohongshu") || lower.contains("rednote") || HEX_ID.matcher(cell).matches();
    }

    private RawEntry toEntry(Record record) {
        if (record.fieldCount <= column) {
            return RawEntry.bad(record.line, "", "no value in column '" + columnName + "'");
        }
        Cell cell = record.chosen;
        if (cell.total > MAX) {
            return RawEntry.bad(record.line, Utf8.preview(cell.bytes, cell.len),
                    "value is " + cell.total + " bytes long; the limit is " + MAX);
        }
        String text = Utf8.decode(cell.bytes, cell.len, decoder);
        if (text == null) {
            return RawEntry.bad(record.line, Utf8.preview(cell.bytes, cell.len), "value is not valid UTF-8");
        }
        text = text.strip();
        return text.isEmpty() ? null : RawEntry.ok(record.line, text);
    }

    /** Reads one record, keeping the cell at index {@code keep} (or, for the first record, all within a budget). */
    private Record readRecord(int keep) throws IOException {
        int b = in.read();
        if (b < 0) {
            return null;
        }
        Record record = new Record(line);
        budget = keep == KEEP_ALL ? MAX : Integer.MAX_VALUE;
        int field = 0;
        Cell cell = openCell(record, field, keep);
        int state = START;
        boolean blank = true;
        for (; ; b = in.read()) {
            if (b < 0) {
                record.unterminated = state == QUOTED;
                break;
            }
            if (state == QUOTED) {
                if (b == '"') {
                    if (in.peek() == '"') {
                        in.read();
                        append(cell, b);
                    } else {
                        state = AFTER_QUOTE;
                    }
                } else {
                    if (b == '\n') {
                        line++;
                    }
                    append(cell, b);
                }
                continue;
            }
            if (b == ',') {
                cell = openCell(record, ++field, keep);
                state = START;
                blank = false;
                continue;
            }
            if (b == '\n') {
                line++;
                break;
            }
            if (b == '\r') {
                int next = in.peek();
                if (next == '\n' || next < 0) {
                    continue;
                }
            }
            if (b == '"' && state == START) {
                if (cell != null) {
                    cell.clear();
                }
                state = QUOTED;
                blank = false;
                continue;
            }
            append(cell, b);
            if (b != ' ' && b != '\t') {
                blank = false;
                if (state == START) {
                    state = UNQUOTED;
                }
            }
        }
        record.fieldCount = field + 1;
        record.blank = blank;
        return record;
    }

    private Cell openCell(Record record, int index, int keep) {
        if (keep == KEEP_ALL) {
            // The first record is kept whole to look for a header, but within a budget, as it may be huge too.
            if (budget <= 0) {
                return null;
            }
            budget--;
            Cell cell = new Cell();
            record.cells.add(cell);
            return cell;
        }
        if (index != keep) {
            return null;
        }
        reusedCell.clear();
        record.chosen = reusedCell;
        return reusedCell;
    }

    private void append(Cell cell, int b) {
        if (cell == null) {
            return;
        }
        cell.total++;
        if (cell.len < MAX && budget > 0) {
            budget--;
            cell.add((byte) b);
        }
    }

    @Override
    protected long currentLine() {
        return line;
    }

    private static final class Cell {
        byte[] bytes = new byte[64];
        int len;
        long total;

        void add(byte b) {
            if (len == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.min(MAX, bytes.length * 2));
            }
            bytes[len++] = b;
        }

        void clear() {
            len = 0;
            total = 0;
        }

        boolean complete() {
            return len == total;
        }
    }

    private static final class Record {
        final long line;
        final List<Cell> cells = new ArrayList<>();
        Cell chosen;
        int fieldCount;
        boolean blank;
        boolean unterminated;

        Record(long line) {
            this.line = line;
        }
    }
}
