package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Input is streamed: a 1,000,000-line file goes through a process whose whole heap is far smaller than the
 * file (about 40 MB of text). Most lines repeat a few IDs so the test stays quick; bench/run.sh measures the
 * million distinct notes.
 */
class StreamingInputTest {

    @TempDir
    Path dir;

    @Test
    void aMillionLineFileCompletesInATinyHeap() throws Exception {
        Workspace work = new Workspace(dir);
        List<String> ids = NoteIds.ids(0x1e6, 50);
        try (BufferedWriter out = Files.newBufferedWriter(work.inbox().resolve("million.txt"))) {
            for (int line = 0; line < 1_000_000; line++) {
                out.write(line % 100 == 99 ? "# comment " + line : "https://www.xiaohongshu.com/explore/" + ids.get(line % 50));
                out.write('\n');
            }
        }
        assertThat(Files.size(work.inbox().resolve("million.txt"))).isGreaterThan(40_000_000L);

        AppProcess.Result run = AppProcess.run(dir, Map.of(), List.of("-Xmx32m"), "--once");

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(0);
        JsonNode report = Workspace.read(Files.list(dir.resolve("outbox/reports")).findFirst().orElseThrow());
        assertThat(report.get("entries").asInt()).isEqualTo(990_000);
        assertThat(report.get("fetched").asInt()).isEqualTo(50);
        assertThat(report.get("duplicates").asInt()).isEqualTo(990_000 - 50);
    }

    @Test
    void runningOutOfMemoryEndsTheRunWithAdviceInsteadOfHanging() throws Exception {
        Workspace work = new Workspace(dir);
        try (BufferedWriter out = Files.newBufferedWriter(work.inbox().resolve("huge.txt"))) {
            for (int n = 0; n < 1_000_000; n++) {
                out.write(NoteIds.id(0x00e, n));
                out.write('\n');
            }
        }
        // The account stops at once, so no fetching: a million distinct IDs only fill the file's seen-ID set.
        AppProcess.Result run = AppProcess.run(dir, Map.of("SIMULATOR_FAULTS", "601:1"), List.of("-Xmx20m"), "--once");

        assertThat(run.status()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains("out of memory").contains("-Xmx");
        assertThat(work.inbox().resolve("huge.txt")).as("the unfinished file stays for the next run").exists();
    }
}
