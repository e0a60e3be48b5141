package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.ingest.Entries.bad;
import static xhsnoterouter.ingest.Entries.concat;
import static xhsnoterouter.ingest.Entries.ok;
import static xhsnoterouter.ingest.Entries.readAll;
import static xhsnoterouter.ingest.Entries.utf8;
import static xhsnoterouter.ingest.Entries.write;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

    private static final String ID1 = "64a1b2c3d4e5f60718293a4b";
    private static final String ID2 = "64a1b2c3d4e5f60718293a4c";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void quotedCommasNewlinesAndQuotesKeepLineNumbersRight() throws Exception {
        String content = "title,url\r\n"
                + "\"Hello, world\",\"https://www.xiaohongshu.com/explore/" + ID1 + "\"\r\n"
                + "\"two\r\nline title\",\" x\"\"y \"\r\n"
                + "\"three\n\nlines\",plain\r\n"
                + "  \"spaced\" , \"" + ID2 + "\"  \r\n"
                + "after,\"a,b\"\n";
        assertThat(readAll(dir, "a.csv", content)).containsExactly(
                ok(2, "https://www.xiaohongshu.com/explore/" + ID1),
                ok(3, "x\"y"),
                ok(5, "plain"),
                ok(8, ID2),
                ok(9, "a,b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"noteId", "note_id", "url", "link", " NOTEID ", "Url", "\"link\""})
    void eachHeaderNamePicksItsColumn(String header) throws Exception {
        String content = "title," + header + ",other\n"
                + "t1," + ID1 + ",o1\n"
                + "t2,\"" + ID2 + "\",o2\n";
        assertThat(readAll(dir, "a.csv", content)).containsExactly(ok(2, ID1), ok(3, ID2));
    }

    @Test
    void headerNamesArePreferredInOrder() throws Exception {
        assertThat(readAll(dir, "a.csv", "link,url,note_id,noteId\nl,u,n,N\n")).containsExactly(ok(2, "N"));
        assertThat(readAll(dir, "b.csv", "link,url,note_id\nl,u,n\n")).containsExactly(ok(2, "n"));
        assertThat(readAll(dir, "c.csv", "link,url\nl,u\n")).containsExactly(ok(2, "u"));
    }

    @Test
    void firstRecordThatLooksLikeDataIsData() throws Exception {
        assertThat(readAll(dir, "hex.csv", ID1 + ",x\n" + ID2 + ",y\n"))
                .containsExactly(ok(1, ID1), ok(2, ID2));
        assertThat(readAll(dir, "link.csv", "https://www.XiaoHongShu.com/explore/" + ID1 + "\nsecond\n"))
                .containsExactly(ok(1, "https://www.XiaoHongShu.com/explore/" + ID1), ok(2, "second"));
        assertThat(readAll(dir, "rednote.csv", "https://www.rednote.com/explore/" + ID1 + "\n"))
                .containsExactly(ok(1, "https://www.rednote.com/explore/" + ID1));
    }

    @Test
    void otherFirstRecordIsAHeaderAndColumnOneIsUsed() throws Exception {
        assertThat(readAll(dir, "a.csv", "\n\nNotes I like,comment\n" + ID1 + ",nice\n\"\",empty\n" + ID2 + "\n"))
                .containsExactly(ok(4, ID1), ok(6, ID2));
    }

    @Test
    void blankRecordsAndEmptyCellsAreSkippedAndMissingColumnsReported() throws Exception {
        String content = "\uFEFFname,url\r\n"
                + "a,u1\r\n"
                + "\r\n"
                + "   \r\n"
                + "b,\r\n"
                + "c,\"  \"\r\n"
                + ",,,\r\n"
                + "only-one-cell\r\n"
                + "d,u2";
        assertThat(readAll(dir, "a.csv", content)).containsExactly(
                ok(2, "u1"),
                bad(8, "", "no value in column 'url'"),
                ok(9, "u2"));
    }

    @Test
    void tooLongValueIsReportedAndReadingGoesOn() throws Exception {
        byte[] huge = new byte[3 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'z');
        byte[] content = concat(utf8("url,comment\n"),
                utf8("\""), huge, utf8("\",c\n"),
                utf8("u1,"), huge, utf8("\n"),
                utf8("u2,\"multi\nline\"\n"));
        assertThat(readAll(write(dir, "a.csv", content))).containsExactly(
                bad(2, "z".repeat(200), "value is 3145728 bytes long; the limit is 65536"),
                ok(3, "u1"),
                ok(4, "u2"));
    }

    @Test
    void hugeFirstRecordIsReportedNotTakenForAHeader() throws Exception {
        byte[] huge = new byte[100_000];
        Arrays.fill(huge, (byte) 'q');
        assertThat(readAll(write(dir, "a.csv", concat(huge, utf8("\n" + ID1 + "\n"))))).containsExactly(
                bad(1, "q".repeat(200), "value is 100000 bytes long; the limit is 65536"),
                ok(2, ID1));
    }

    @Test
    void invalidUtf8ValueIsReported() throws Exception {
        byte[] content = concat(utf8("url\nu1\nbad"), new byte[] {(byte) 0xFE}, utf8("\nu3\n"));
        assertThat(readAll(write(dir, "a.csv", content))).containsExactly(
                ok(2, "u1"),
                bad(3, "bad\uFFFD", "value is not valid UTF-8"),
                ok(4, "u3"));
    }

    @Test
    void unterminatedQuoteAtEndOfFileIsReported() throws Exception {
        assertThat(readAll(dir, "a.csv", "url\nu1\n\"u2\nu3\nu4")).containsExactly(
                ok(2, "u1"),
                bad(3, "u2\nu3\nu4", "quoted value is not closed before the end of the file"));
    }

    @Test
    void lineNumbersStayRightPastTheParsersReadAheadWhereOtherValuesAreCut() throws Exception {
        // Far into the file only the chosen column reaches the parser whole: line breaks in the rest must still count.
        StringBuilder content = new StringBuilder("title,url,comment\n");
        for (int i = 0; i < 3000; i++) {
            content.append("\"two\nlines\",u").append(i).append(",\"x\r\ny\"\n");
        }
        content.append("t,\"").append("line\n".repeat(20_000)).append("\",c\n");
        content.append("\"a\nb\",last,\"c\nd\"\n");
        java.util.List<RawEntry> entries = readAll(dir, "a.csv", content.toString());
        assertThat(entries).hasSize(3002);
        assertThat(entries.get(0)).isEqualTo(ok(2, "u0"));
        assertThat(entries.get(2999)).isEqualTo(ok(2 + 3 * 2999, "u2999"));
        assertThat(entries.get(3000)).isEqualTo(
                bad(9002, "line\n".repeat(40), "value is 100000 bytes long; the limit is 65536"));
        assertThat(entries.get(3001)).isEqualTo(ok(9002 + 20_001, "last"));
    }

    @Test
    void aLoneCarriageReturnEndsARecordAsOldMacSpreadsheetsWriteThem() throws Exception {
        assertThat(readAll(dir, "a.csv", "url\ru1\r\"a\rb\"\ru3")).containsExactly(
                ok(2, "u1"),
                ok(3, "a\rb"),
                ok(5, "u3"));
    }

    @Test
    void blanksBeforeAValueAreSkippedHoweverManyWhileBlanksAfterItCountTowardsTheLimit() throws Exception {
        String blanks = " ".repeat(100_000);
        assertThat(readAll(dir, "a.csv", "url\n" + blanks + "u1\nu2" + blanks + "\n")).containsExactly(
                ok(2, "u1"),
                bad(3, "u2", "value is 100002 bytes long; the limit is 65536"));
    }

    @Test
    void emptyFileGivesNoEntries() throws Exception {
        assertThat(readAll(dir, "a.csv", "")).isEmpty();
        assertThat(readAll(dir, "b.csv", "noteId\r\n")).isEmpty();
    }

    @Test
    void readFailureHalfWayEndsWithOneBadEntry() throws Exception {
        StringBuilder content = new StringBuilder("title,url\n");
        for (int i = 1; i <= 2000; i++) {
            content.append("t,u").append(i).append('\n');
        }
        content.append("t,\"unfinished");
        try (EntryReader reader = EntryReaders.open(Entries.failingAfter(utf8(content.toString()), "Input/output error"),
                EntryReaders.Format.CSV)) {
            java.util.List<RawEntry> entries = Entries.drain(reader);
            assertThat(entries).hasSize(2001);
            assertThat(entries.get(1999)).isEqualTo(ok(2001, "u2000"));
            assertThat(entries.get(2000)).isEqualTo(bad(2002, "", "reading stopped: Input/output error"));
        }
    }
}
