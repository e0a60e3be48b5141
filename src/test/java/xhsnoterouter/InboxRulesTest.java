package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** The running service only takes a file once it is complete, and logs progress while it works. */
class InboxRulesTest {

    @TempDir
    Path dir;

    @Test
    void aFileStillBeingWrittenIsTakenWholeOnceItStopsChanging() throws Exception {
        Workspace work = new Workspace(dir);
        List<String> ids = NoteIds.ids(0x51e, 12);
        Process service = AppProcess.start(dir, Map.of("SIMULATOR_LATENCY_MS", "700", "JUSTONEAPI_CONCURRENCY", "1"));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(dir.resolve("app.log")) && Files.readString(dir.resolve("app.log")).contains("started in"));
            try (Writer slow = Files.newBufferedWriter(work.inbox().resolve("slow.txt"))) {
                for (String id : ids) {
                    slow.write(id + "\n");
                    slow.flush();
                    Thread.sleep(150);
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> work.files("outbox/reports").size() == 1);

            assertThat(work.report("slow.txt").get("entries").asInt()).as("the whole file, not the part written first")
                    .isEqualTo(12);
            assertThat(work.report("slow.txt").get("fetched").asInt()).isEqualTo(12);
            assertThat(Files.readString(dir.resolve("app.log"))).as("a progress line while the file ran")
                    .containsPattern("slow\\.txt: \\d+/12 done · \\d+ fetched");
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
