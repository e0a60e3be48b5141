package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.ingest.Entries.bad;
import static xhsnoterouter.ingest.Entries.concat;
import static xhsnoterouter.ingest.Entries.ok;
import static xhsnoterouter.ingest.Entries.readAll;
import static xhsnoterouter.ingest.Entries.utf8;
import static xhsnoterouter.ingest.Entries.write;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReaderTest {

    private static final String ID1 = "64a1b2c3d4e5f60718293a4b";
    private static final String ID2 = "64a1b2c3d4e5f60718293a4c";
    private static final String EXPECTED = ", expected a string or an object with noteId or url";

    @TempDir
    Path dir;

    @Test
    void arrayOfStringsWithBomAndCrlf() throws Exception {
        String content = "\uFEFF[\r\n  \"" + ID1 + "\",\r\n  \"  https://www.xiaohongshu.com/explore/" + ID2 + "  \"\r\n]\r\n";
        assertThat(readAll(dir, "a.json", content)).containsExactly(
                ok(2, ID1),
                ok(3, "https://www.xiaohongshu.com/explore/" + ID2));
    }

    @Test
    void objectsPreferNoteIdAndIgnoreOtherFields() throws Exception {
        String content = "[\n"
                + "  {\"title\": \"x\", \"url\": \"u1\", \"noteId\": \"" + ID1 + "\", \"extra\": {\"a\": [1, 2]}},\n"
                + "  {\"url\": \"u2\"},\n"
                + "  {\"note_id\": \"n3\", \"link\": \"l3\"},\n"
                + "  {\"link\": \"l4\"},\n"
                + "  {\"noteId\": null, \"url\": \"u5\"},\n"
                + "  {\"noteId\": \"\", \"url\": \"u6\"},\n"
                + "  {\n    \"noteId\": \"" + ID2 + "\"\n  }\n"
                + "]";
        assertThat(readAll(dir, "a.json", content)).containsExactly(
                ok(2, ID1), ok(3, "u2"), ok(4, "n3"), ok(5, "l4"), ok(6, "u5"), ok(7, "u6"), ok(8, ID2));
    }

    @Test
    void badElementsAreReportedAndSkipped() throws Exception {
        String content = "[\n"
                + "  \"a\",\n"
                + "  42,\n"
                + "  [\"nested\", [\"deeper\"]],\n"
                + "  null,\n"
                + "  true,\n"
                + "  {\"title\": \"no id\"},\n"
                + "  {\"noteId\": 7},\n"
                + "  {\"url\": \"\"},\n"
                + "  \"  \",\n"
                + "  \"b\"\n"
                + "]\n";
        assertThat(readAll(dir, "a.json", content)).containsExactly(
                ok(2, "a"),
                bad(3, "42", "JSON element is a number" + EXPECTED),
                bad(4, "", "JSON element is an array" + EXPECTED),
                bad(5, "null", "JSON element is null" + EXPECTED),
                bad(6, "true", "JSON element is a boolean" + EXPECTED),
                bad(7, "", "JSON object has no noteId or url"),
                bad(8, "7", "JSON object's noteId is a number, expected a string"),
                bad(9, "", "JSON object has an empty url"),
                bad(10, "", "JSON element is an empty string"),
                ok(11, "b"));
    }

    @Test
    void deepNestingIsReportedOnceAndEndsTheFile() throws Exception {
        String content = "[\"a\",\n" + "[".repeat(10_000) + "\n\"b\"]";
        List<RawEntry> entries = readAll(dir, "a.json", content);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo(ok(1, "a"));
        assertThat(entries.get(1).line()).isEqualTo(2);
        assertThat(entries.get(1).problem())
                .isEqualTo("not valid JSON at line 2, column 201: Document nesting depth (201) exceeds the maximum allowed (200)");
    }

    @Test
    void deepNestingAtTopLevel() throws Exception {
        List<RawEntry> entries = readAll(dir, "a.json", "[".repeat(10_000));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).problem()).startsWith("not valid JSON at line 1, column ")
                .endsWith(": Document nesting depth (201) exceeds the maximum allowed (200)");
    }

    @Test
    void truncatedFileKeepsTheEntriesBeforeTheError() throws Exception {
        assertThat(readAll(dir, "a.json", "[\n\"a\",\n{\"url\": \"b\"},\n\"c")).containsExactly(
                ok(2, "a"),
                ok(3, "b"),
                bad(4, "", "not valid JSON at line 4, column 3: Unexpected end-of-input in VALUE_STRING"));
        assertThat(readAll(dir, "b.json", "[\"a\", ")).containsExactly(
                ok(1, "a"),
                bad(1, "", "not valid JSON at line 1, column 7: Unexpected end-of-input within/between Array entries"));
    }

    @Test
    void syntaxErrorEndsTheFile() throws Exception {
        List<RawEntry> entries = readAll(dir, "a.json", "[\"a\",\n  oops, \"b\"]");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo(ok(1, "a"));
        assertThat(entries.get(1).line()).isEqualTo(2);
        assertThat(entries.get(1).problem()).isEqualTo("not valid JSON at line 2, column 8: Unrecognized token 'oops': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void contentAfterTheArrayIsReported() throws Exception {
        assertThat(readAll(dir, "a.json", "[\"a\"]\n[\"b\"]")).containsExactly(
                ok(1, "a"),
                bad(2, "", "not valid JSON at line 2, column 1: more content after the end of the array"));
        assertThat(readAll(dir, "b.json", "[\"a\"]\n\n")).containsExactly(ok(1, "a"));
    }

    @Test
    void topLevelOtherThanArray() throws Exception {
        assertThat(readAll(dir, "a.json", "{\"noteId\": \"" + ID1 + "\"}")).containsExactly(
                bad(1, "", "expected a JSON array of note IDs or links, found an object"));
        assertThat(readAll(dir, "b.json", "\n\"" + ID1 + "\"")).containsExactly(
                bad(2, "", "expected a JSON array of note IDs or links, found a string"));
    }

    @Test
    void emptyFileAndEmptyArrayGiveNoEntries() throws Exception {
        assertThat(readAll(dir, "a.json", "")).isEmpty();
        assertThat(readAll(dir, "b.json", " \r\n ")).isEmpty();
        assertThat(readAll(dir, "c.json", "\uFEFF[ ]")).isEmpty();
    }

    @Test
    void tooLongStringsAreReportedAndReadingGoesOn() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        byte[] content = concat(utf8("[\n\""), huge, utf8("\",\n{\"url\": \"é"), huge, utf8("\\\"\", \"noteId\": \"\"},\n"),
                utf8("{\""), huge, utf8("\": 1, \"url\": \"u3\"},\n"),
                utf8("\"" + "\\u00e9".repeat(20_000) + "\",\n"),
                utf8("\"last\"]"));
        assertThat(readAll(write(dir, "a.json", content))).containsExactly(
                bad(2, "x".repeat(200), "value is 10485760 bytes long; the limit is 65536"),
                bad(3, "é" + "x".repeat(199), "value is 10485764 bytes long; the limit is 65536"),
                ok(4, "u3"),
                bad(5, "é".repeat(200), "value is 120000 bytes long; the limit is 65536"),
                ok(6, "last"));
    }

    @Test
    void stringAtTheLimitIsRead() throws Exception {
        String atLimit = "é".repeat(EntryReaders.MAX_ENTRY_BYTES / 2);
        assertThat(readAll(dir, "a.json", "[\"" + atLimit + "\", \"b\"]")).containsExactly(ok(1, atLimit), ok(1, "b"));
    }

    @Test
    void hugeNumberEndsTheFileWithoutBufferingIt() throws Exception {
        byte[] digits = new byte[5 * 1024 * 1024];
        Arrays.fill(digits, (byte) '7');
        List<RawEntry> entries = readAll(write(dir, "a.json", concat(utf8("[\"a\",\n"), digits, utf8(", \"b\"]"))));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isEqualTo(ok(1, "a"));
        assertThat(entries.get(1).problem()).startsWith("not valid JSON at line 2").endsWith(": number is too long");
    }

    @Test
    void invalidUtf8IsASyntaxError() throws Exception {
        byte[] content = concat(utf8("[\"a\", \"b"), new byte[] {(byte) 0xFF}, utf8("\"]"));
        List<RawEntry> entries = readAll(write(dir, "a.json", content));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).problem()).startsWith("not valid JSON at line 1, column ").contains("UTF-8");
    }

    @Test
    void readFailureHalfWayEndsWithOneBadEntry() throws Exception {
        StringBuilder content = new StringBuilder("[\n");
        for (int i = 1; i <= 2000; i++) {
            content.append("\"id").append(i).append("\",\n");
        }
        byte[] bytes = utf8(content.toString());
        try (EntryReader reader = EntryReaders.open(Entries.failingAfter(bytes, "Input/output error"),
                EntryReaders.Format.JSON)) {
            List<RawEntry> entries = Entries.drain(reader);
            assertThat(entries).hasSize(2001);
            assertThat(entries.get(1999)).isEqualTo(ok(2001, "id2000"));
            assertThat(entries.get(2000)).isEqualTo(bad(2002, "", "reading stopped: Input/output error"));
        }
    }
}
