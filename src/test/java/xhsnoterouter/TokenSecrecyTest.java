package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/** SPEC §10: a whole batch with a known token; the token is in no log line and no file the app wrote. */
class TokenSecrecyTest {

    private static final String TOKEN = "Sekr3t-Token+with/odd=chars";

    @TempDir
    Path dir;

    @Test
    void theTokenAppearsInNoLogLineAndNoOutputFile() throws Exception {
        List<String> ids = NoteIds.ids(0x5ec, 12);
        try (ScriptedApi api = ScriptedApi.start()) {
            // Hostile answers that echo the request back, as some gateways do.
            api.script(ids.get(1), ScriptedApi.raw(502, "text/html", "<html>bad gateway for /v1?token=" + TOKEN + "</html>"),
                    ScriptedApi.success());
            api.script(ids.get(2), ScriptedApi.code(400, 400, "invalid noteId with token " + TOKEN));
            api.script(ids.get(3), ScriptedApi.code(200, 777, "odd answer for token=" + TOKEN));
            api.script(ids.get(4), ScriptedApi.drop());
            api.script(ids.get(11), ScriptedApi.code(401, 100, "token " + TOKEN + " is not active"));
            Workspace work = new Workspace(dir);
            work.drop("ids.txt", String.join("\n", ids) + "\nnot-an-id\n");

            AppProcess.Result run = AppProcess.run(dir, Map.of(
                    "JUSTONEAPI_TOKEN", TOKEN,
                    "JUSTONEAPI_BASE_URL", api.baseUrl().toString(),
                    "JUSTONEAPI_CONCURRENCY", "1",
                    "RETRY_MAX_ATTEMPTS", "2",
                    "RETRY_INITIAL_DELAY_MS", "10",
                    "JUSTONEAPI_TIMEOUT_SECONDS", "2"), "--once");

            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(api.queries()).as("the token really was sent").anyMatch(q -> q.contains("token=Sekr3t"));
            assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain("Sekr3t");
            assertThat(work.files("outbox/failed")).isNotEmpty();
            try (Stream<Path> files = Stream.concat(Files.walk(dir.resolve("outbox")), Files.walk(dir.resolve("state")))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain("Sekr3t");
                }
            }
        }
    }
}
