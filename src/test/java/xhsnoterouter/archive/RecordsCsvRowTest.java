package xhsnoterouter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import xhsnoterouter.ingest.Source;

/** The bytes of records.csv as Commons CSV prints them: the same a spreadsheet user had from the hand-made writer. */
class RecordsCsvRowTest {

    @Test
    void headerIsAByteOrderMarkAndEveryColumnNameQuotedEndedByCrlf() {
        byte[] header = RecordsCsv.header();
        assertThat(Arrays.copyOf(header, 3)).isEqualTo(RecordsCsv.BOM);
        String text = new String(header, 3, header.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\"noteId\",\"url\",\"type\",\"title\",\"desc\",").endsWith(",\"source.line\"\r\n");
    }

    @Test
    void quotesCommasAndLineBreaksStayInsideTheirQuotedFieldAndMissingValuesAreEmpty() {
        NoteRecord record = new NoteRecord("64ec2b4e000000001f03a9b1", null, "normal", "say \"你好\", twice",
                "line one\r\nline two", null, null, 12L, null, null, null, null, List.of("a", "b"),
                List.of(new NoteRecord.Mention("m1", "x"), new NoteRecord.Mention("m2", null)), null, null, null,
                "2026-12-05T00:00:00Z", new Source("ids.csv", 7));
        String row = new String(RecordsCsv.row(record), StandardCharsets.UTF_8);
        assertThat(row).isEqualTo("\"64ec2b4e000000001f03a9b1\",\"\",\"normal\",\"say \"\"你好\"\", twice\","
                + "\"line one\r\nline two\",\"\",\"\",\"12\",\"\",\"\",\"\",\"\",\"\",\"\",\"a|b\",\"m1|m2\",\"x|\","
                + "\"\",\"\",\"\",\"\",\"\",\"2026-12-05T00:00:00Z\",\"ids.csv\",\"7\"\r\n");
    }
}
