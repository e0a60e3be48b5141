package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/** The query strings routes/fetch.yaml sends, as a real server on loopback receives them, and nothing else. */
class ApiCallQueryTest {

    private static final String TOKEN = "a&b+c=d/e f%";

    @TempDir
    Path dir;

    @Test
    void aTokenWithUrlCharactersAndAShortLinkArriveIntact() throws Exception {
        String note = NoteIds.id(0x9e1, 0);
        String linked = NoteIds.id(0x9e1, 1);
        String shortLink = "http://xhslink.com/a/AbCdEf1234";
        try (ScriptedApi api = ScriptedApi.start()) {
            api.script(note, ScriptedApi.success());
            api.script(linked, ScriptedApi.success());
            api.scriptLink(shortLink, ScriptedApi.redirectTo(linked));
            Workspace work = new Workspace(dir).api(api, TOKEN);
            work.drop("ids.txt", note + "\n" + shortLink + "\n");

            assertThat(work.runOnce().status()).isEqualTo(0);

            List<Map<String, String>> queries = api.queries().stream().map(ApiCallQueryTest::params).toList();
            assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(q).containsEntry("token", TOKEN));
            assertThat(queries).anySatisfy(q -> assertThat(q).containsOnlyKeys("token", "noteId").containsEntry("noteId", note));
            assertThat(queries).anySatisfy(q -> assertThat(q).containsOnlyKeys("token", "shareUrl")
                    .containsEntry("shareUrl", shortLink));
            assertThat(api.cookiesSent()).as("a cookie one answer set, sent back on a later call").isEmpty();
            assertThat(work.isArchived(note)).isTrue();
            assertThat(work.isArchived(linked)).isTrue();
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
