package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §6 under kill -9 (issue 4, point 1): the packaged app is killed at random moments of a batch and started
 * again; in the end every valid entry has exactly one outcome, no archived note is fetched again, records.jsonl
 * has one whole line per archived note, and every fetched note's webhook delivery arrives (at least once).
 */
class KillTest {

    private static final int CONCURRENCY = 4;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsEveryEntryStillEndsInExactlyOneOutcome() throws Exception {
        List<String> ids = NoteIds.ids(0x7c00, 240);
        Set<String> notFound = new HashSet<>(ids.subList(0, 240).stream().filter(id -> id.hashCode() % 10 == 0).toList());
        Random random = new Random(7);
        try (ScriptedApi api = ScriptedApi.start().latency(40); WebhookReceiver receiver = WebhookReceiver.start()) {
            notFound.forEach(id -> api.script(id, ScriptedApi.code(200, 201, "no content")));
            Workspace work = new Workspace(dir);
            List<String> lines = new ArrayList<>(ids);
            lines.add(17, "not-a-note");
            lines.add(120, ids.get(3));
            work.drop("campaign.txt", String.join("\n", lines) + "\n");
            Map<String, String> env = Map.of(
                    "JUSTONEAPI_TOKEN", "tok-kill",
                    "JUSTONEAPI_BASE_URL", api.baseUrl().toString(),
                    "JUSTONEAPI_CONCURRENCY", Integer.toString(CONCURRENCY),
                    "DELIVERY_WEBHOOK_URL", receiver.url().toString());

            for (int kill = 0; kill < KILLS; kill++) {
                int before = api.totalRequests();
                Process app = AppProcess.start(dir, env);
                int wait = 10 + random.nextInt(30);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.totalRequests() >= before + wait);
                app.destroyForcibly();
                assertThat(app.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(work.records().size()).as("the kills came mid-batch").isLessThan(ids.size() - notFound.size());

            AppProcess.Result last = AppProcess.run(dir, env, "--once");

            assertThat(last.status()).as(last.out() + last.err()).isZero();
            Path records = work.outbox().resolve("records.jsonl");
            assertThat(Files.readString(records, StandardCharsets.UTF_8)).endsWith("\n");
            List<String> fetched = work.records().stream().map(r -> r.get("noteId").asText()).toList();
            Set<String> expected = new HashSet<>(ids);
            expected.removeAll(notFound);
            assertThat(fetched).as("one whole line per archived note").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(work.files("outbox/notes")).hasSize(expected.size());
            for (String id : notFound) {
                assertThat(work.failure(id).get("reason").asText()).isEqualTo("NOT_FOUND");
            }
            assertThat(work.hasFailure("invalid-campaign.txt-18")).isTrue();
            assertThat(work.files("state/pending")).isEmpty();
            assertThat(work.files("inbox")).isEmpty();
            assertThat(work.files("inbox/.done")).hasSize(1);
            // An archived note is never asked for again; one in flight at a kill may be. A note that failed is not
            // archived, so a restart that reads its unfinished file again asks again (at most once per run).
            assertThat(api.totalRequests()).isLessThanOrEqualTo(expected.size() + KILLS * CONCURRENCY
                    + notFound.size() * (KILLS + 1));
            for (String id : ids) {
                assertThat(api.requestsFor(id)).as(id).isBetween(1, 1 + KILLS);
            }
            Set<String> delivered = new HashSet<>();
            for (var r : receiver.delivered("note.fetched")) {
                JsonNode record = r.json().get("record");
                delivered.add(record.get("noteId").asText());
            }
            assertThat(delivered).containsAll(expected);
            assertThat(work.files("outbox/undelivered/webhook")).isEmpty();
            assertThat(work.files("state/deliveries/webhook")).isEmpty();
        }
    }
}
