package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * Issue 4, point 6: the outbox runs out of space mid-batch (records.jsonl is made a link to /dev/full, which
 * answers every write with "No space left on device", even for root). One clear error, no more API calls,
 * the notes pending, nothing counted as fetched that is not on disk; once space returns, processing goes on.
 */
class FullDiskTest {

    @TempDir
    Path dir;
    private final List<String> ids = NoteIds.ids(0xf011, 10);
    private Path records;

    @BeforeEach
    void fillTheDisk() throws Exception {
        records = dir.resolve("outbox/records.jsonl");
        Files.createDirectories(records.getParent());
        Files.createSymbolicLink(records, Path.of("/dev/full"));
    }

    @Test
    void onceStopsWithOneLineKeepsEverythingPendingAndTheNextRunFinishes() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-disk").set("justoneapi.concurrency", "1");
            work.drop("ids.txt", String.join("\n", ids) + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.out()).contains("STOPPED: cannot write to the outbox").contains("No space left on device")
                    .contains("10 notes are pending");
            assertThat(api.totalRequests()).as("no calls once the disk was full").isEqualTo(1);
            assertThat(work.files("outbox/notes")).as("nothing archived without its record").isEmpty();
            JsonNode report = work.report("ids.txt");
            assertThat(report.get("fetched").asInt()).isZero();
            assertThat(report.get("pending").asInt()).isEqualTo(10);
            assertThat(report.get("accountStop").get("reason").asText()).isEqualTo("OUTBOX_UNWRITABLE");

            Files.delete(records); // space returns
            Workspace.Run next = work.runOnce();

            assertThat(next.status()).as(next.out()).isZero();
            assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(work.files("state/pending")).isEmpty();
        }
    }

    @Test
    void theServiceGoesOnByItselfOnceSpaceReturns() throws Exception {
        MutableClock clock = new MutableClock();
        try (ScriptedApi api = ScriptedApi.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-disk").clock(clock).set("justoneapi.concurrency", "1")
                    .set("delivery.webhook.url", receiver.url().toString())
                    .set("delivery.webhook.events", "api.paused,api.resumed");
            Workspace.Service service = work.startService();
            work.drop("ids.txt", String.join("\n", ids) + "\n");

            await().atMost(Duration.ofSeconds(20)).until(() -> !work.files("outbox/reports").isEmpty());
            assertThat(work.report("ids.txt").get("pending").asInt()).isEqualTo(10);
            assertThat(receiver.delivered("api.paused")).singleElement()
                    .satisfies(r -> assertThat(r.json().get("reason").asText()).isEqualTo("OUTBOX_UNWRITABLE"));

            Files.delete(records);
            clock.advance(Duration.ofSeconds(16));

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(records) && work.records().size() == 10);
            Workspace.Run run = service.stop();
            assertThat(run.status()).isZero();
            assertThat(receiver.delivered("api.resumed")).hasSize(1);
            assertThat(work.files("state/pending")).isEmpty();
            assertThat(api.totalRequests()).as("the note that met the full disk is asked again, once").isEqualTo(11);
        }
    }
}
