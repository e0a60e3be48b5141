package xhsnoterouter.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import xhsnoterouter.Json;

/**
 * {@code records.csv}: the columns of {@code records.jsonl}, flattened for spreadsheets. Objects become dotted
 * columns ({@code author.nickname}); lists are joined with {@code |} (a list of objects gives one column per
 * field, joined in the same order, so {@code images.url} and {@code images.width} line up). UTF-8 with a
 * byte-order mark, so spreadsheet programs read Chinese text right; every field quoted, so a long ID or
 * number stays text; a missing value is an empty field.
 */
public final class RecordsCsv {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** RFC 4180 with CRLF, as Commons CSV's default; every field quoted. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get();

    private record Column(String name, Function<NoteRecord, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("noteId", NoteRecord::noteId),
            new Column("url", NoteRecord::url),
            new Column("type", NoteRecord::type),
            new Column("title", NoteRecord::title),
            new Column("desc", NoteRecord::desc),
            new Column("publishedAt", NoteRecord::publishedAt),
            new Column("ipLocation", NoteRecord::ipLocation),
            new Column("likes", NoteRecord::likes),
            new Column("collects", NoteRecord::collects),
            new Column("comments", NoteRecord::comments),
            new Column("shares", NoteRecord::shares),
            new Column("author.id", r -> r.author() == null ? null : r.author().id()),
            new Column("author.nickname", r -> r.author() == null ? null : r.author().nickname()),
            new Column("author.redId", r -> r.author() == null ? null : r.author().redId()),
            new Column("tags", NoteRecord::tags),
            new Column("mentions.id", r -> each(r.mentions(), NoteRecord.Mention::id)),
            new Column("mentions.nickname", r -> each(r.mentions(), NoteRecord.Mention::nickname)),
            new Column("images.url", r -> each(r.images(), NoteRecord.Image::url)),
            new Column("images.width", r -> each(r.images(), NoteRecord.Image::width)),
            new Column("images.height", r -> each(r.images(), NoteRecord.Image::height)),
            new Column("audioUrl", NoteRecord::audioUrl),
            new Column("videoDownloadAllowed", NoteRecord::videoDownloadAllowed),
            new Column("fetchedAt", NoteRecord::fetchedAt),
            new Column("source.file", r -> r.source() == null ? null : r.source().file()),
            new Column("source.line", r -> r.source() == null ? null : r.source().line()));

    private RecordsCsv() {
    }

    /** The byte-order mark and the header row: the start of a new file. */
    static byte[] header() {
        byte[] text = print(COLUMNS.stream().map(Column::name).toList());
        byte[] out = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(text, 0, out, BOM.length, text.length);
        return out;
    }

    static byte[] row(NoteRecord record) {
        return print(COLUMNS.stream().map(c -> text(c.value().apply(record))).toList());
    }

    private static byte[] print(List<String> fields) {
        StringBuilder row = new StringBuilder(512);
        try {
            new CSVPrinter(row, FORMAT).printRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code csv} anew from {@code records.jsonl} (after a crash: the two files must hold the same rows);
     * a line that does not parse is left out of both views alike.
     */
    static int rebuild(Path jsonl, Path csv) throws IOException {
        Path tmp = csv.resolveSibling("." + csv.getFileName() + ".tmp");
        int rows = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(header());
            if (Files.exists(jsonl)) {
                try (BufferedReader lines = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            try {
                                out.write(row(Json.MAPPER.readValue(line, NoteRecord.class)));
                                rows++;
                            } catch (IOException e) {
                                // A line that is not a record (cut by the crash) has no row either.
                            }
                        }
                    }
                }
            }
        }
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return rows;
    }

    private static <T> List<Object> each(List<T> items, Function<T, Object> field) {
        if (items == null) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(items.size());
        for (T item : items) {
            values.add(field.apply(item));
        }
        return values;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> item == null ? "" : item.toString()).collect(Collectors.joining("|"));
        }
        return value.toString();
    }
}
