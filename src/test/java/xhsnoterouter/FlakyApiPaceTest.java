package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.ScriptedApi.Answer;
import xhsnoterouter.support.Workspace;

/**
 * Issue 15: an API that is flaky, not rate-limiting. Each of 200 notes is answered wrongly one to three times (codes
 * 301, 302, 500, 503, HTTP 502, a reset connection, a broken body, a stall past the timeout; about one answer in nine
 * is 302) before it comes back. The 302s must not slow the job to a crawl.
 */
class FlakyApiPaceTest {

    private static final int NOTES = 200;
    private static final int ATTEMPTS = 5;

    @TempDir
    Path dir;

    @Test
    void aFlakyApiWith302sAmongItsFailuresDoesNotSlowTheJobDown() throws Exception {
        List<String> ids = NoteIds.ids(0xf1a4, NOTES);
        List<Answer> wrong = List.of(ScriptedApi.code(200, 301, "collection failed, retry"),
                ScriptedApi.code(200, 301, "collection failed, retry"),
                ScriptedApi.code(200, 302, "rate limit exceeded"), ScriptedApi.code(200, 302, "rate limit exceeded"),
                ScriptedApi.code(200, 500, "internal error"), ScriptedApi.code(500, 500, "internal error"),
                ScriptedApi.code(200, 503, "unavailable"), ScriptedApi.code(503, 503, "unavailable"),
                ScriptedApi.raw(502, "text/html", "<html>Bad Gateway</html>"), ScriptedApi.drop(),
                ScriptedApi.raw(200, "application/json", "{\"code\":0,\"data\":[{\"note_list\""), ScriptedApi.hold());
        Random random = new Random(4);
        int answers = 0;
        int limited = 0;
        try (ScriptedApi api = ScriptedApi.start().latency(10)) {
            for (String id : ids) {
                List<Answer> script = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    Answer answer = wrong.get(random.nextInt(wrong.size()));
                    limited += answer == wrong.get(2) || answer == wrong.get(3) ? 1 : 0;
                    script.add(answer);
                }
                script.add(ScriptedApi.success());
                answers += script.size();
                api.script(id, script.toArray(Answer[]::new));
            }
            Workspace work = new Workspace(dir).api(api, "t").set("justoneapi.concurrency", "8")
                    .set("justoneapi.timeout-seconds", "1").set("retry.max-attempts", Integer.toString(ATTEMPTS))
                    .set("retry.initial-delay-ms", "20").set("retry.max-delay-ms", "100");
            work.drop("flaky.txt", String.join("\n", ids) + "\n");
            String mix = "%d answers scripted, %d of them 302 (%.0f %%)".formatted(answers, limited, 100.0 * limited / answers);

            long started = System.nanoTime();
            Workspace.Run run = work.runOnce();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(work.report("flaky.txt").get("fetched").asInt()).as(mix).isEqualTo(NOTES);
            assertThat(work.files("outbox/notes")).hasSize(NOTES);
            for (String id : ids) {
                assertThat(api.requestsFor(id)).as("calls for %s", id).isBetween(2, ATTEMPTS);
            }
            assertThat(api.totalRequests()).isEqualTo(answers);
            // the slow-down that issue 15 reported had 11 of 200 notes fetched after 200 s
            assertThat(seconds).as("%s; %.1f s", mix, seconds).isLessThan(60);
            System.out.printf("FlakyApiPaceTest: %s, all fetched in %.1f s%n", mix, seconds);
        }
    }
}
