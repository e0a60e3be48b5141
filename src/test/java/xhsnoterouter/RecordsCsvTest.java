package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Issue 5, {@code records.csv}: the columns of records.jsonl flattened, UTF-8 with a byte-order mark, every field
 * quoted; checked with Python's csv module, as an analyst's script would read it, against records.jsonl.
 */
class RecordsCsvTest {

    @TempDir
    Path dir;

    @Test
    void csvOpensWithPythonsCsvModuleAndMatchesRecordsJsonl() throws Exception {
        Workspace work = new Workspace(dir);
        // Simulated notes carry Chinese titles, multi-line-free descriptions with tags and mentions, lists of images.
        List<String> ids = NoteIds.ids(0x3c00, 60);
        work.drop("ids.txt", String.join("\n", ids) + "\n");
        assertThat(work.runOnce().status()).isZero();
        Files.writeString(dir.resolve("config/watchlist.txt"), String.join("\n", ids.subList(0, 10)) + "\n");
        assertThat(work.runOnce("--watchlist").status()).isZero();

        assertThat(work.records()).hasSize(70);
        assertThat(python(work.outbox())).isEqualTo("ok 70");
        byte[] csv = Files.readAllBytes(work.outbox().resolve("records.csv"));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\"noteId\",\"url\",\"type\",\"title\"");
        assertThat(text).contains("\"" + ids.get(0) + "\",\"https://www.xiaohongshu.com/explore/" + ids.get(0) + "\"");
    }

    @Test
    void aQuoteOrLineBreakInsideAFieldStaysInsideItsField() throws Exception {
        Workspace work = new Workspace(dir);
        // The source file name is copied into every row: give it a quote and a comma.
        work.drop("a \"quoted\", name.txt", NoteIds.id(0x3c01, 1) + "\n");
        assertThat(work.runOnce().status()).isZero();
        assertThat(python(work.outbox())).isEqualTo("ok 1");
    }

    static String python(Path outbox) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/python/csv_matches_jsonl.py").toAbsolutePath();
        Process p = new ProcessBuilder("python3", script.toString(), outbox.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
