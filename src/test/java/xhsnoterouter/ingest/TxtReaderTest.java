package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.ingest.Entries.bad;
import static xhsnoterouter.ingest.Entries.concat;
import static xhsnoterouter.ingest.Entries.ok;
import static xhsnoterouter.ingest.Entries.readAll;
import static xhsnoterouter.ingest.Entries.utf8;
import static xhsnoterouter.ingest.Entries.write;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxtReaderTest {

    private static final int MAX = EntryReaders.MAX_ENTRY_BYTES;

    @TempDir
    Path dir;

    @Test
    void bomCrlfCommentsBlankLinesAndTrimming() throws Exception {
        String content = "\uFEFF64a1b2c3d4e5f60718293a4b\r\n"
                + "\r\n"
                + "# a comment\r\n"
                + "   # an indented comment\r\n"
                + "  \t  \r\n"
                + "  https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4c?xsec_token=x  \r\n"
                + "not # a comment\r\n"
                + "last line without break\r";
        assertThat(readAll(dir, "a.txt", content)).containsExactly(
                ok(1, "64a1b2c3d4e5f60718293a4b"),
                ok(6, "https://www.xiaohongshu.com/explore/64a1b2c3d4e5f60718293a4c?xsec_token=x"),
                ok(7, "not # a comment"),
                ok(8, "last line without break"));
    }

    @Test
    void lfOnlyAndNonAsciiText() throws Exception {
        assertThat(readAll(dir, "a.txt", "笔记 一\nsecond\n\n")).containsExactly(ok(1, "笔记 一"), ok(2, "second"));
    }

    @Test
    void invalidUtf8LineIsReportedAndTheOthersAreRead() throws Exception {
        byte[] content = concat(utf8("good1\n"), new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'},
                utf8("good3\n"), new byte[] {(byte) 0xFF, '\n'}, utf8("good5"));
        assertThat(readAll(write(dir, "a.txt", content))).containsExactly(
                ok(1, "good1"),
                bad(2, "bad\uFFFD(", "line is not valid UTF-8"),
                ok(3, "good3"),
                bad(4, "\uFFFD", "line is not valid UTF-8"),
                ok(5, "good5"));
    }

    @Test
    void commentInAnotherEncodingIsStillAComment() throws Exception {
        byte[] content = concat(utf8("# caf"), new byte[] {(byte) 0xE9}, utf8("\nid\n"));
        assertThat(readAll(write(dir, "a.txt", content))).containsExactly(ok(2, "id"));
    }

    @Test
    void lineAtTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        String atLimit = "a".repeat(MAX);
        String over = "b".repeat(MAX + 1);
        List<RawEntry> entries = readAll(dir, "a.txt", atLimit + "\r\n" + over + "\r\nok\n");
        assertThat(entries).containsExactly(
                ok(1, atLimit),
                bad(2, "b".repeat(200), "line is 65537 bytes long; the limit is 65536"),
                ok(3, "ok"));
    }

    @Test
    void hugeSingleLineIsReportedWithoutBufferingAndTheNextLineStillComesOut() throws Exception {
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        Path file = write(dir, "a.txt", concat(utf8("first\n"), huge, utf8("\r\nafter\n")));
        try (EntryReader reader = EntryReaders.open(file)) {
            assertThat(Entries.drain(reader)).containsExactly(
                    ok(1, "first"),
                    bad(2, "x".repeat(200), "line is 5242880 bytes long; the limit is 65536"),
                    ok(3, "after"));
            assertThat(((TxtEntryReader) reader).lineBufferCapacity()).isLessThanOrEqualTo(MAX);
        }
    }

    @Test
    void emptyAndCommentOnlyFilesGiveNoEntries() throws Exception {
        assertThat(readAll(dir, "empty.txt", "")).isEmpty();
        assertThat(readAll(dir, "bom.txt", "\uFEFF")).isEmpty();
        assertThat(readAll(dir, "comments.txt", "# only\n\n  \n")).isEmpty();
    }

    @Test
    void readFailureHalfWayEndsWithOneBadEntry() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            content.append("id").append(i).append('\n');
        }
        content.append("partial");
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
        try (EntryReader reader = EntryReaders.open(Entries.failingAfter(bytes, "Stale file handle"),
                EntryReaders.Format.TXT)) {
            List<RawEntry> entries = Entries.drain(reader);
            assertThat(entries).hasSize(3001);
            assertThat(entries.get(2999)).isEqualTo(ok(3000, "id3000"));
            assertThat(entries.get(3000)).isEqualTo(bad(3001, "", "reading stopped: Stale file handle"));
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void millionLinesStreamThroughQuickly() throws Exception {
        Path file = dir.resolve("big.txt");
        byte[] line = "000000000000000000000000\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < 1_000_000; i++) {
                String hex = Integer.toHexString(i);
                for (int k = 0; k < hex.length(); k++) {
                    line[24 - hex.length() + k] = (byte) hex.charAt(k);
                }
                out.write(line);
            }
        }
        long start = System.nanoTime();
        long count = 0;
        RawEntry last = null;
        try (EntryReader reader = EntryReaders.open(file)) {
            while (reader.hasNext()) {
                last = reader.next();
                count++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(count).isEqualTo(1_000_000);
        assertThat(last).isEqualTo(ok(1_000_000, String.format("%024x", 999_999)));
        System.out.println("1,000,000 lines read in " + millis + " ms");
        assertThat(millis).isLessThan(5_000);
    }
}
