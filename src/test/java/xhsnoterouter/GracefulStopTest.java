package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * SIGTERM in the middle of a file: in-flight notes finish, the rest stays pending, the next start goes on. The
 * deliveries a dead webhook did not take are all in outbox/undelivered/ when the process has exited, and the
 * next start sends them.
 */
class GracefulStopTest {

    @TempDir
    Path dir;

    @Test
    void sigtermKeepsTheRestPendingAndTheNextRunFinishesIt() throws Exception {
        Workspace work = new Workspace(dir);
        List<String> ids = NoteIds.ids(0x5197, 40);
        work.drop("forty.txt", String.join("\n", ids) + "\n");
        WebhookReceiver receiver = WebhookReceiver.start();
        receiver.goDown();
        Map<String, String> slow = Map.of("SIMULATOR_LATENCY_MS", "300", "JUSTONEAPI_CONCURRENCY", "2",
                "DELIVERY_WEBHOOK_URL", receiver.url().toString());

        Process service = AppProcess.start(dir, slow);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> work.records().size() >= 4);
        service.destroy();
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stops within the request timeout").isTrue();

        assertThat(service.exitValue()).as(Files.readString(dir.resolve("app.log"))).isIn(0, 143);
        JsonNode stopped = work.report("forty.txt");
        int fetched = stopped.get("fetched").asInt();
        assertThat(fetched).isEqualTo(work.records().size()).isLessThan(40);
        assertThat(stopped.get("pending").asInt()).isEqualTo(40 - fetched);
        assertThat(Files.readString(dir.resolve("app.log"))).contains("Stopping: requests in flight finish");
        // One note.fetched per record and the batch.completed: none lost when the JVM exits after SIGTERM.
        assertThat(work.files("outbox/undelivered/webhook")).hasSize(fetched + 1);

        receiver.comeBack();
        AppProcess.Result next = AppProcess.run(dir, Map.of("DELIVERY_WEBHOOK_URL", receiver.url().toString()), "--once");

        assertThat(next.status()).isEqualTo(0);
        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(work.files("state/pending")).isEmpty();
        assertThat(work.files("outbox/undelivered/webhook")).isEmpty();
        assertThat(receiver.delivered("note.fetched")).hasSize(40);
        assertThat(receiver.delivered("batch.completed")).hasSize(2);
        receiver.close();
    }
}
