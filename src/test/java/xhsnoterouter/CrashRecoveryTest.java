package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * What a killed process leaves (a torn last records.jsonl line, a note archived without its line, unfinished
 * pending and temporary files), repaired at the next start: one records.jsonl line per archived note, and the
 * note.fetched events of the notes archived just before are raised again with their original deliveryId.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void theNextStartRepairsWhatAKilledRunLeft() throws Exception {
        List<String> ids = NoteIds.ids(0x6a00, 5);
        try (ScriptedApi api = ScriptedApi.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-recover").set("delivery.webhook.url", receiver.url().toString());
            work.drop("ids.txt", String.join("\n", ids) + "\n");
            assertThat(work.runOnce().status()).isZero();
            Path records = work.outbox().resolve("records.jsonl");
            List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(5);

            // As a kill -9 would leave it: line 4 never written, line 5 torn mid-way, leftovers of unfinished writes.
            List<String> kept = new ArrayList<>(lines.subList(0, 3));
            Files.writeString(records, String.join("\n", kept) + "\n" + lines.get(4).substring(0, 40), StandardCharsets.UTF_8);
            Files.writeString(work.dir().resolve("state/running"), Instant.now().minusSeconds(60).toString());
            Path part = Files.writeString(work.dir().resolve("state/pending/ids.txt@x.pending.jsonl.part"), "{\"noteId\"");
            Path temp = Files.writeString(work.outbox().resolve("notes/." + ids.get(0) + ".json.1a2b.tmp"), "{");

            Workspace.Run next = work.runOnce();

            assertThat(next.status()).isZero();
            List<String> repaired = Files.readAllLines(records, StandardCharsets.UTF_8);
            assertThat(repaired).hasSize(5).containsAll(kept);
            assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
            String lost3 = lines.get(3);
            String lost4 = lines.get(4);
            assertThat(repaired).contains(lost3, lost4);
            assertThat(part).doesNotExist();
            assertThat(temp).doesNotExist();
            assertThat(work.dir().resolve("state/running")).doesNotExist();
            // Raised again after the crash, each with its first deliveryId and the very same bytes.
            var deliveries = receiver.delivered("note.fetched");
            assertThat(deliveries).hasSize(10);
            assertThat(deliveries.stream().map(r -> r.header("X-Xnr-Delivery")).distinct()).hasSize(5);
            for (var first : deliveries.subList(0, 5)) {
                assertThat(deliveries.subList(5, 10)).anySatisfy(again -> {
                    assertThat(again.header("X-Xnr-Delivery")).isEqualTo(first.header("X-Xnr-Delivery"));
                    assertThat(again.body()).isEqualTo(first.body());
                });
            }
            assertThat(api.totalRequests()).as("archived notes are not fetched again").isEqualTo(5);
        }
    }

    @Test
    void aKilledWatchlistRunGetsItsRecordSnapshotAndCsvRowsBack() throws Exception {
        List<String> ids = NoteIds.ids(0x6c00, 3);
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-recover");
            work.drop("ids.txt", String.join("\n", ids) + "\n");
            assertThat(work.runOnce().status()).isZero();
            Files.writeString(dir.resolve("config/watchlist.txt"), String.join("\n", ids) + "\n");
            assertThat(work.runOnce("--watchlist").status()).isZero();
            Path records = work.outbox().resolve("records.jsonl");
            List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(6);
            Path csv = work.outbox().resolve("records.csv");
            String csvBefore = Files.readString(csv, StandardCharsets.UTF_8);

            // Killed in the second fetch: the newest record of the first note never written (its older one stays),
            // the second note's snapshot line missing, the third's torn, records.csv cut mid-row.
            String newestOfFirst = lines.stream().filter(l -> l.contains(ids.get(0))).reduce((a, b) -> b).orElseThrow();
            List<String> kept = lines.stream().filter(l -> !l.equals(newestOfFirst)).toList();
            Files.writeString(records, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
            Path second = work.outbox().resolve("snapshots/" + ids.get(1) + ".jsonl");
            List<String> secondLines = Files.readAllLines(second);
            Files.writeString(second, secondLines.get(0) + "\n");
            Path third = work.outbox().resolve("snapshots/" + ids.get(2) + ".jsonl");
            List<String> thirdLines = Files.readAllLines(third);
            Files.writeString(third, thirdLines.get(0) + "\n" + thirdLines.get(1).substring(0, 20));
            Files.writeString(csv, csvBefore.substring(0, csvBefore.length() - 100), StandardCharsets.UTF_8);
            Files.writeString(work.dir().resolve("state/running"), Instant.now().minusSeconds(60).toString());

            assertThat(work.runOnce().status()).isZero();

            assertThat(Files.readAllLines(records, StandardCharsets.UTF_8)).hasSize(6).contains(newestOfFirst);
            assertThat(Files.readAllLines(second)).isEqualTo(secondLines);
            assertThat(Files.readAllLines(third)).isEqualTo(thirdLines);
            assertThat(RecordsCsvTest.python(work.outbox())).isEqualTo("ok 6");
            assertThat(api.totalRequests()).as("nothing fetched again by the repair").isEqualTo(6);
        }
    }

    @Test
    void aCleanStopLeavesNothingToRepair() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-clean");
            work.drop("ids.txt", NoteIds.ids(0x6b00, 3).get(0) + "\n");
            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isZero();
            assertThat(work.dir().resolve("state/running")).doesNotExist();
        }
    }
}
