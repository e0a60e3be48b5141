package xhsnoterouter.ingest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code .csv}, parsed by Commons CSV (RFC 4180, leniently) behind a {@link CsvCellGuard} that keeps each value
 * within {@link EntryReaders#MAX_ENTRY_BYTES}. The first record names the column (or is data, and column one is
 * used); of each record after it only that value is read.
 */
final class CsvEntryReader extends AbstractEntryReader {

    /** Header names that pick the column, in order of preference. */
    private static final List<String> HEADER_NAMES = List.of("noteid", "note_id", "url", "link");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final int MAX = EntryReaders.MAX_ENTRY_BYTES;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false)       // a blank row is a record, so line numbers stay right
            .setIgnoreSurroundingSpaces(true) // blanks around a quoted value are not part of it
            .setTrailingData(true)            // text after a closing quote is kept, as spreadsheet programs do
            .setLenientEof(true)              // a quote left open at the end gives its record, reported as such
            .get();

    private final CsvCellGuard guard;
    private final CharsetDecoder decoder = Utf8.strictDecoder();
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private int column = -1;
    private String columnName;

    CsvEntryReader(ByteSource in) {
        super(in);
        this.guard = new CsvCellGuard(in, MAX);
    }

    @Override
    protected RawEntry readNext() throws IOException {
        if (parser == null) {
            // ISO-8859-1 gives one char per byte: CSV's syntax is ASCII, and each value is checked as UTF-8 alone,
            // so a bad byte costs its entry, not the rest of the file.
            parser = CSVParser.parse(new InputStreamReader(guard, StandardCharsets.ISO_8859_1), FORMAT);
            records = parser.iterator();
        }
        while (true) {
            long linesBefore = parser.getCurrentLineNumber();
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            long start = record.getCharacterPosition();
            long line = linesBefore + 1 + guard.hiddenLinesBefore(start);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            boolean unterminated = guard.unterminated(start);
            if (column < 0) {
                boolean header = chooseColumn(record, start);
                guard.keepOnly(column);
                if (header && !unterminated) {
                    continue;
                }
            }
            if (unterminated) {
                byte[] cell = bytes(record.size() > column ? record.get(column) : "");
                return RawEntry.bad(line, Utf8.preview(cell, cell.length),
                        "quoted value is not closed before the end of the file");
            }
            RawEntry entry = toEntry(record, start, line);
            if (entry != null) {
                return entry;
            }
        }
    }

    /** Picks the column from the first record; true when that record is a header rather than data. */
    private boolean chooseColumn(CSVRecord first, long start) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            byte[] cell = bytes(first.get(i));
            String text = guard.cutLength(start, i) < 0 ? Utf8.decode(cell, cell.length, decoder) : null;
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
        columnName = firstCell == null || firstCell.isEmpty() ? "1" : firstCell;
        // A first cell that cannot be read (too long, not UTF-8) is taken as data, so it is reported, not dropped.
        return !(firstCell == null || looksLikeData(firstCell));
    }

    private static boolean looksLikeData(String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        return lower.contains("xiaohongshu") || lower.contains("rednote") || HEX_ID.matcher(cell).matches();
    }

    private RawEntry toEntry(CSVRecord record, long start, long line) {
        if (record.size() <= column) {
            return RawEntry.bad(line, "", "no value in column '" + columnName + "'");
        }
        byte[] cell = bytes(record.get(column));
        long length = guard.cutLength(start, column);
        if (length >= 0) {
            return RawEntry.bad(line, Utf8.preview(cell, cell.length),
                    "value is " + length + " bytes long; the limit is " + MAX);
        }
        String text = Utf8.decode(cell, cell.length, decoder);
        if (text == null) {
            return RawEntry.bad(line, Utf8.preview(cell, cell.length), "value is not valid UTF-8");
        }
        text = text.strip();
        return text.isEmpty() ? null : RawEntry.ok(line, text);
    }

    /** A value's bytes as they were in the file (the parser saw them as ISO-8859-1 chars). */
    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    protected long currentLine() {
        return guard.line();
    }
}
