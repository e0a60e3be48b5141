package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.support.ScriptedApi.code;
import static xhsnoterouter.support.ScriptedApi.redirect;
import static xhsnoterouter.support.ScriptedApi.redirectTo;
import static xhsnoterouter.support.ScriptedApi.success;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * Issue 5, share links end to end: xhslink.com short links and whole share texts in an inbox file are resolved
 * through the share-link endpoint, then fetched, skipped or failed like any note.
 */
class ShareLinkTest {

    private static final String SHARE_TEXT = "52 【春日穿搭分享 - 小红薯 | 小红书 - 你的生活指南】 😆 AbCdEfGhIjK 😆 "
            + "http://xhslink.com/a/Share2，复制本条信息，打开【小红书】App查看精彩内容！";

    @TempDir
    Path dir;

    @Test
    void shortLinksAndShareTextsAreResolvedThenFetchedSkippedOrFailedLikeIds() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
            Workspace work = new Workspace(dir).set("justoneapi.token", "t")
                    .set("justoneapi.base-url", simulator.baseUrl().toString());
            String direct = Simulator.noteIdOfShortLink("http://xhslink.com/a/Dup1");
            String archived = Simulator.noteIdOfShortLink("http://xhslink.com/m/Archived4");
            String explore = NoteIds.id(0x5a5e, 1);
            work.drop("before.txt", archived + "\n");
            assertThat(work.runOnce().status()).isZero();

            work.drop("links.txt", String.join("\n",
                    "# campaign links, pasted from the app",                                      // 1
                    direct,                                                                        // 2
                    "http://xhslink.com/a/Bare1",                                                  // 3
                    SHARE_TEXT,                                                                    // 4
                    "https://xhslink.com/o/Https3",                                                // 5
                    "看看 https://www.xiaohongshu.com/explore/" + explore + "?xsec_token=AB1 复制本条信息", // 6
                    "http://xhslink.com/a/goneAbc",                                                // 7
                    "http://xhslink.com/a/Dup1",                                                   // 8: the note of line 2
                    "http://xhslink.com/m/Archived4",                                              // 9: archived before
                    "分享 HTTP://XHSLINK.COM/a/Bare1") + "\n");                                    // 10: line 3 again

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).as(run.out() + run.err()).isZero();
            String bare = Simulator.noteIdOfShortLink("http://xhslink.com/a/Bare1");
            String share = Simulator.noteIdOfShortLink("http://xhslink.com/a/Share2");
            String https = Simulator.noteIdOfShortLink("https://xhslink.com/o/Https3");
            for (String id : List.of(direct, bare, share, https, explore)) {
                assertThat(work.isArchived(id)).as(id).isTrue();
                assertThat(work.note(id).get("noteId").asText()).isEqualTo(id);
                assertThat(work.note(id).get("response").at("/data/0/note_list/0/id").asText()).isEqualTo(id);
            }
            assertThat(lineOf(work, bare)).isEqualTo(3);
            assertThat(lineOf(work, share)).isEqualTo(4);
            assertThat(lineOf(work, https)).isEqualTo(5);
            assertThat(lineOf(work, explore)).isEqualTo(6);
            assertThat(lineOf(work, direct)).as("the first naming of a note is the one fetched").isEqualTo(2);
            assertThat(work.note(share).get("source").toString()).isEqualTo("{\"file\":\"links.txt\",\"line\":4}");

            JsonNode gone = work.failure("link-links.txt-7");
            assertThat(gone.get("reason").asText()).isEqualTo("UNRESOLVED_LINK");
            assertThat(gone.get("input").asText()).isEqualTo("http://xhslink.com/a/goneAbc");
            assertThat(gone.get("noteId").isNull()).isTrue();
            assertThat(gone.get("code").asInt()).isZero();
            assertThat(gone.get("attempts").asInt()).isEqualTo(1);
            assertThat(gone.get("message").asText()).contains("https://www.xiaohongshu.com/404?source=share")
                    .contains("not a note");
            assertThat(work.files("outbox/failed")).hasSize(1);

            JsonNode report = work.report("links.txt");
            assertThat(report.get("entries").asInt()).isEqualTo(9);
            assertThat(report.get("fetched").asInt()).isEqualTo(5);
            assertThat(report.get("duplicates").asInt()).as("line 8 after resolving, line 10 without").isEqualTo(2);
            assertThat(report.get("alreadyFetched").asInt()).isEqualTo(1);
            assertThat(report.get("failed").asInt()).isEqualTo(1);
            assertThat(report.get("byReason").get("UNRESOLVED_LINK").asInt()).isEqualTo(1);
            assertThat(report.get("invalid").asInt() + report.get("notFound").asInt() + report.get("pending").asInt()).isZero();
            assertCountsAddUp(report);
            // 6 resolutions (every short link once, none for the explore link) + 5 note-detail calls.
            assertThat(report.get("apiCalls").asInt()).isEqualTo(11);

            for (String link : List.of("http://xhslink.com/a/Bare1", "http://xhslink.com/a/Share2",
                    "https://xhslink.com/o/Https3", "http://xhslink.com/a/goneAbc", "http://xhslink.com/a/Dup1",
                    "http://xhslink.com/m/Archived4")) {
                assertThat(simulator.resolutionsFor(link)).as(link).isEqualTo(1);
            }
            for (String id : List.of(direct, bare, share, https, explore, archived)) {
                assertThat(simulator.attemptsFor(id)).as("one detail call for " + id).isEqualTo(1);
            }
            assertThat(simulator.attemptsFor(Simulator.noteIdOfShortLink("http://xhslink.com/a/goneAbc"))).isZero();
            assertThat(simulator.requestCount()).as("1 call before, then 11").isEqualTo(12);
            assertThat(work.records()).hasSize(6);
            assertThat(work.files("inbox/.done")).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("before.txt", "links.txt");
        }
    }

    @Test
    void resolutionAnswersFollowTheOutcomeTableAndNeverLeakTheToken() throws Exception {
        String token = "Sekr3t-share-Token";
        try (ScriptedApi api = ScriptedApi.start()) {
            List<String> ids = NoteIds.ids(0x11c, 3);
            api.scriptLink("http://xhslink.com/a/Retry1", code(200, 301, "collection failed"), redirectTo(ids.get(0)));
            api.scriptLink("http://xhslink.com/a/Bad2", code(400, 400, "shareUrl invalid for token " + token));
            api.scriptLink("http://xhslink.com/a/Busy3", code(500, 500, "internal error"));
            api.scriptLink("http://xhslink.com/a/None4", code(200, 201, "no content"));
            api.scriptLink("http://xhslink.com/a/User5",
                    redirect("https://www.xiaohongshu.com/user/profile/5cc823550000000010034c96?xsec_token=" + token));
            api.scriptLink("http://xhslink.com/a/Empty6", ScriptedApi.raw(200, "application/json",
                    "{\"code\":0,\"message\":\"ok\",\"data\":{},\"recordTime\":null,\"requestId\":\"r\"}"));
            api.scriptLink("http://xhslink.com/a/Missing7", redirectTo(ids.get(1)));
            api.script(ids.get(1), code(200, 201, "no content"));
            api.scriptLink("http://xhslink.com/a/Odd8", code(200, 777, "odd answer, token=" + token));
            Workspace work = new Workspace(dir).api(api, token).set("retry.max-attempts", "3");
            work.drop("table.txt", String.join("\n", "http://xhslink.com/a/Retry1", "http://xhslink.com/a/Bad2",
                    "http://xhslink.com/a/Busy3", "http://xhslink.com/a/None4", "http://xhslink.com/a/User5",
                    "http://xhslink.com/a/Empty6", "分享 http://xhslink.com/a/Missing7 复制本条信息",
                    "http://xhslink.com/a/Odd8") + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).as(run.out() + run.err()).isZero();
            assertThat(work.isArchived(ids.get(0))).isTrue();
            assertThat(api.requestsForLink("http://xhslink.com/a/Retry1")).isEqualTo(2);
            assertThat(api.requestsFor(ids.get(0))).isEqualTo(1);
            JsonNode retried = work.records().get(0);
            assertThat(retried.get("source").get("line").asInt()).isEqualTo(1);

            assertLinkFailure(work, 2, "INVALID_PARAMS", 400, 1);
            assertLinkFailure(work, 3, "RETRIES_EXHAUSTED", 500, 3);
            assertThat(api.requestsForLink("http://xhslink.com/a/Busy3")).isEqualTo(3);
            assertLinkFailure(work, 4, "UNRESOLVED_LINK", 201, 1);
            assertLinkFailure(work, 5, "UNRESOLVED_LINK", 0, 1);
            assertThat(work.failure("link-table.txt-5").get("message").asText()).contains("/user/profile/");
            assertLinkFailure(work, 6, "UNRESOLVED_LINK", 0, 1);
            assertThat(work.failure("link-table.txt-6").get("message").asText()).contains("redirect_url");
            assertLinkFailure(work, 8, "UNEXPECTED_CODE", 777, 1);
            // Resolved, then the note itself was not found: a note failure like any other, keyed by its ID.
            JsonNode missing = work.failure(ids.get(1));
            assertThat(missing.get("reason").asText()).isEqualTo("NOT_FOUND");
            assertThat(missing.get("noteId").asText()).isEqualTo(ids.get(1));
            assertThat(missing.get("input").asText()).isEqualTo("分享 http://xhslink.com/a/Missing7 复制本条信息");
            assertThat(missing.get("attempts").asInt()).as("counts the note's own calls").isEqualTo(1);

            JsonNode report = work.report("table.txt");
            assertThat(report.get("fetched").asInt()).isEqualTo(1);
            assertThat(report.get("notFound").asInt()).isEqualTo(1);
            assertThat(report.get("failed").asInt()).isEqualTo(6);
            assertThat(report.get("byReason").get("UNRESOLVED_LINK").asInt()).isEqualTo(3);
            assertCountsAddUp(report);
            assertThat(report.get("apiCalls").asInt()).isEqualTo(api.totalRequests()).isEqualTo(13);
            assertThat(api.queries()).as("the token really was sent").allMatch(q -> q.contains("token=Sekr3t"));
            try (Stream<Path> files = Files.walk(dir.resolve("outbox"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain("Sekr3t");
                }
            }
            assertThat(run.out() + run.err()).doesNotContain("Sekr3t");
        }
    }

    @Test
    void accountStopOnAResolutionKeepsTheLinkPendingWithItsTextAndTheNextRunResolvesIt() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            List<String> ids = NoteIds.ids(0x57b, 4);
            String shareText = "分享一篇 http://xhslink.com/a/Stop1，复制本条信息，打开【小红书】App查看精彩内容！";
            api.scriptLink("http://xhslink.com/a/Stop1", code(200, 601, "insufficient balance"));
            api.scriptLink("https://xhslink.com/o/Later2", redirectTo(ids.get(3)));
            // One request at a time, so "the second entry stops the account" is exact.
            Workspace work = new Workspace(dir).api(api, "test-token-stop").set("justoneapi.concurrency", "1");
            work.drop("stop.txt", String.join("\n", ids.get(0), shareText, ids.get(1), "https://xhslink.com/o/Later2") + "\n");

            Workspace.Run first = work.runOnce();

            assertThat(first.status()).as(first.out() + first.err()).isEqualTo(3);
            assertThat(first.out()).contains("INSUFFICIENT_BALANCE").contains("3 notes are pending");
            JsonNode stopped = work.report("stop.txt");
            assertThat(stopped.get("fetched").asInt()).isEqualTo(1);
            assertThat(stopped.get("pending").asInt()).isEqualTo(3);
            assertThat(stopped.get("failed").asInt()).isZero();
            assertCountsAddUp(stopped);
            assertThat(work.files("outbox/failed")).isEmpty();
            assertThat(api.requestsFor(ids.get(1))).isZero();
            assertThat(api.requestsForLink("https://xhslink.com/o/Later2")).isZero();
            List<Path> pending = work.files("state/pending");
            assertThat(pending).hasSize(1);
            List<JsonNode> kept = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(pending.get(0))) {
                kept.add(Json.MAPPER.readTree(line));
            }
            JsonNode link = kept.stream().filter(k -> k.get("line").asInt() == 2).findFirst().orElseThrow();
            assertThat(link.get("input").asText()).isEqualTo(shareText);
            assertThat(link.get("noteId").isNull()).isTrue();

            api.scriptLink("http://xhslink.com/a/Stop1", redirectTo(ids.get(2)));
            Workspace.Run second = work.runOnce();

            assertThat(second.status()).as(second.out() + second.err()).isZero();
            assertThat(work.files("state/pending")).isEmpty();
            for (String id : ids) {
                assertThat(work.isArchived(id)).as(id).isTrue();
            }
            assertThat(work.note(ids.get(2)).get("source").toString()).isEqualTo("{\"file\":\"stop.txt\",\"line\":2}");
            assertThat(work.note(ids.get(3)).get("source").toString()).isEqualTo("{\"file\":\"stop.txt\",\"line\":4}");
            assertThat(api.requestsForLink("http://xhslink.com/a/Stop1")).isEqualTo(2);
            assertThat(api.requestsForLink("https://xhslink.com/o/Later2")).isEqualTo(1);
            assertThat(api.requestsFor(ids.get(0))).as("fetched once only").isEqualTo(1);
            JsonNode resumed = work.reports("stop.txt").get(1);
            assertThat(resumed.get("entries").asInt()).isEqualTo(3);
            assertThat(resumed.get("fetched").asInt()).isEqualTo(3);
            assertCountsAddUp(resumed);
        }
    }

    @Test
    void shareTextsAreResolvedOnTheFetchWorkersConcurrencyAtATime() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 100, "", 1))) {
            Workspace work = new Workspace(dir).set("justoneapi.token", "t")
                    .set("justoneapi.base-url", simulator.baseUrl().toString())
                    .set("justoneapi.concurrency", "3");
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                file.append("分享 http://xhslink.com/a/Many").append(i).append("，复制本条信息\n");
            }
            work.drop("many.txt", file.toString());

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isZero();
            assertThat(work.report("many.txt").get("fetched").asInt()).isEqualTo(30);
            assertThat(work.report("many.txt").get("apiCalls").asInt()).isEqualTo(60);
            assertThat(simulator.maxInFlight()).as("resolutions and note calls share the cap, and use it").isEqualTo(3);
        }
    }

    private static int lineOf(Workspace work, String noteId) {
        JsonNode record = work.records().stream().filter(r -> r.get("noteId").asText().equals(noteId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record for " + noteId));
        assertThat(record.get("source").get("file").asText()).isEqualTo("links.txt");
        return record.get("source").get("line").asInt();
    }

    private static void assertLinkFailure(Workspace work, int line, String reason, int code, int attempts) {
        JsonNode failure = work.failure("link-table.txt-" + line);
        assertThat(failure.get("reason").asText()).as("line %d", line).isEqualTo(reason);
        assertThat(failure.get("noteId").isNull()).as("line %d", line).isTrue();
        assertThat(failure.get("input").asText()).as("line %d", line).startsWith("http://xhslink.com/a/");
        assertThat(failure.get("code").asInt()).as("line %d code", line).isEqualTo(code);
        assertThat(failure.get("attempts").asInt()).as("line %d attempts", line).isEqualTo(attempts);
        assertThat(failure.get("source").get("line").asInt()).isEqualTo(line);
        assertThat(failure.get("message").asText()).as("line %d message", line).isNotBlank();
    }

    /** entries = invalid + duplicates + alreadyFetched + fetched + notFound + failed + pending. */
    private static void assertCountsAddUp(JsonNode report) {
        int sum = 0;
        for (String count : List.of("invalid", "duplicates", "alreadyFetched", "fetched", "notFound", "failed", "pending")) {
            sum += report.get(count).asInt();
        }
        assertThat(sum).as("counts of " + report).isEqualTo(report.get("entries").asInt());
    }
}
