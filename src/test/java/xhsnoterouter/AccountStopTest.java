package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §6 account stops with {@code --once}: exit 3, every untried note pending, nothing failed; the next run
 * finishes the pending notes by itself and fetches none of the archived ones again.
 */
class AccountStopTest {

    @TempDir
    Path dir;
    private ScriptedApi api;
    private Workspace work;
    private final List<String> ids = NoteIds.ids(0xacc0, 30);

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        // One request at a time, so "the sixth note stops the account" is exact.
        work = new Workspace(dir).api(api, "test-token-stop").set("justoneapi.concurrency", "1");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void stopKeepsUntriedNotesPendingAndTheNextRunFinishesThemWithoutRefetching() {
        api.script(ids.get(5), ScriptedApi.code(200, 601, "insufficient balance"));
        work.drop("campaign.txt", String.join("\n", ids) + "\n");

        Workspace.Run first = work.runOnce();

        assertThat(first.status()).as(first.out() + first.err()).isEqualTo(3);
        assertThat(first.out()).contains("INSUFFICIENT_BALANCE").contains("25 notes are pending");
        JsonNode report = work.report("campaign.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(5);
        assertThat(report.get("pending").asInt()).isEqualTo(25);
        assertThat(report.get("failed").asInt()).isZero();
        assertThat(report.get("accountStop").get("reason").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(work.files("outbox/failed")).isEmpty();
        assertThat(work.files("state/pending")).hasSize(1);
        for (String untried : ids.subList(6, 30)) {
            assertThat(api.requestsFor(untried)).as("no call after the stop").isZero();
        }

        api.script(ids.get(5), ScriptedApi.success());
        Workspace.Run second = work.runOnce();

        assertThat(second.status()).as(second.out() + second.err()).isEqualTo(0);
        assertThat(work.files("state/pending")).isEmpty();
        for (String id : ids) {
            assertThat(work.isArchived(id)).as(id).isTrue();
        }
        for (String early : ids.subList(0, 5)) {
            assertThat(api.requestsFor(early)).as("fetched once only").isEqualTo(1);
        }
        List<JsonNode> reports = work.reports("campaign.txt");
        assertThat(reports).hasSize(2);
        JsonNode resumed = reports.get(1);
        assertThat(resumed.get("entries").asInt()).isEqualTo(25);
        assertThat(resumed.get("fetched").asInt()).isEqualTo(25);
        assertThat(resumed.get("pending").asInt()).isZero();
        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode last = work.records().stream().filter(r -> r.get("noteId").asText().equals(ids.get(29))).findFirst().orElseThrow();
        assertThat(last.get("source").get("file").asText()).isEqualTo("campaign.txt");
        assertThat(last.get("source").get("line").asInt()).isEqualTo(30);
    }

    @ParameterizedTest(name = "code {0} stops the account as {1}")
    @CsvSource({"100,401,INVALID_TOKEN", "600,403,PERMISSION_DENIED", "601,200,INSUFFICIENT_BALANCE",
            "602,200,TOKEN_SPENDING_CAP", "303,429,DAILY_QUOTA_EXCEEDED"})
    void everyAccountCodeStopsTheRunWithExitStatusThree(int code, int httpStatus, String reason) {
        api.script(ids.get(0), ScriptedApi.code(httpStatus, code, "account problem"));
        work.drop("few.txt", String.join("\n", ids.subList(0, 4)) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).contains(reason).contains("4 notes are pending");
        assertThat(work.report("few.txt").get("pending").asInt()).isEqualTo(4);
        assertThat(api.totalRequests()).isEqualTo(1);
        assertThat(work.files("outbox/failed")).isEmpty();
    }

    @Test
    void filesDroppedAfterTheStopAreKeptPendingWithoutCalls() {
        api.otherwise(ScriptedApi.code(200, 602, "spending cap"));
        work.drop("a.txt", ids.get(0) + "\n");
        work.drop("b.txt", ids.get(1) + "\n" + ids.get(2) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(3);
        assertThat(api.totalRequests()).isEqualTo(1);
        assertThat(work.report("a.txt").get("pending").asInt() + work.report("b.txt").get("pending").asInt()).isEqualTo(3);
        assertThat(work.files("state/pending")).hasSize(2);
    }
}
