package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.support.ScriptedApi.code;
import static xhsnoterouter.support.ScriptedApi.success;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.support.ForwardProxy;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * The three edits of the README's "Rewiring without recompiling", each made to the working folder's copy of
 * {@code routes/fetch.yaml} or {@code config/application.properties} exactly as a user would, then run for real.
 */
class RewiringTest {

    @TempDir
    Path dir;
    private ScriptedApi api;
    private Workspace work;

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        work = new Workspace(dir).api(api, "test-token-rewiring");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aStepAddedToTheSuccessBranchAlsoWritesEachRawResponseToAnotherFolder() throws Exception {
        List<String> ids = NoteIds.ids(0x4e71, 3);
        ids.forEach(id -> api.script(id, success()));
        edit("routes/fetch.yaml", """
                                  - to: { uri: direct:archive-note }
                """, """
                                  - to: { uri: direct:archive-note }
                                  - setBody: { simple: "${exchangeProperty.XnrRawBody}" }
                                  - to: { uri: "file:{{outbox.dir}}/raw", parameters: { fileName: "${header.XnrNoteId}.json" } }
                """);
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        assertThat(work.runOnce().status()).isEqualTo(0);

        byte[] served = Files.readAllBytes(ScriptedApi.REFERENCE);
        for (String id : ids) {
            assertThat(work.isArchived(id)).as("still archived: " + id).isTrue();
            assertThat(work.outbox().resolve("raw/" + id + ".json")).as("the raw answer, byte for byte").hasBinaryContent(served);
        }
        assertThat(work.records()).hasSize(3);
    }

    @Test
    void aCodeMovedFromTheRetryFlowToTheFailureFlowFailsAtOnce() throws Exception {
        String internalError = NoteIds.id(0x4e72, 0);
        String unavailable = NoteIds.id(0x4e72, 1);
        api.script(internalError, code(200, 500, "internal error"), success());
        api.script(unavailable, code(200, 503, "service unavailable"), success());
        edit("routes/fetch.yaml", "${header.XnrCode} in '301,302,500,503'", "${header.XnrCode} in '301,302,503'");
        work.drop("ids.txt", internalError + "\n" + unavailable + "\n");

        assertThat(work.runOnce().status()).isEqualTo(0);

        JsonNode failure = work.failure(internalError);
        assertThat(failure.get("reason").asText()).isEqualTo("UNEXPECTED_CODE");
        assertThat(failure.get("code").asInt()).isEqualTo(500);
        assertThat(failure.get("attempts").asInt()).isEqualTo(1);
        assertThat(api.requestsFor(internalError)).as("not retried").isEqualTo(1);
        assertThat(work.isArchived(unavailable)).as("503 is still retried").isTrue();
        assertThat(api.requestsFor(unavailable)).isEqualTo(2);
    }

    @Test
    void apiCallsGoThroughAProxyWithTheUserAgentAndPoolSizeSetInTheProperties() throws Exception {
        List<String> ids = NoteIds.ids(0x4e73, 6);
        ids.forEach(id -> api.script(id, success()));
        api.latency(150);
        work.set("justoneapi.concurrency", "4");
        try (ForwardProxy proxy = ForwardProxy.start()) {
            edit("config/application.properties", "", """

                    camel.component.http.proxy-host = %s
                    camel.component.http.proxy-port = %d
                    camel.component.http.user-agent = campaign-archive/2.1
                    camel.component.http.connections-per-route = 1
                    """.formatted(proxy.host(), proxy.port()));
            work.drop("ids.txt", String.join("\n", ids) + "\n");

            assertThat(work.runOnce().status()).isEqualTo(0);

            assertThat(work.records()).hasSize(6);
            assertThat(proxy.count()).as("every call through the proxy").isEqualTo(api.totalRequests()).isEqualTo(6);
            for (ForwardProxy.Seen seen : proxy.seen()) {
                assertThat(seen.userAgent()).isEqualTo("campaign-archive/2.1");
                assertThat(seen.uri().getPath()).isEqualTo("/api/xiaohongshu/get-note-detail/v1");
                assertThat(seen.uri().getQuery()).contains("token=test-token-rewiring", "noteId=");
            }
        }
        // One connection to the proxy: the four workers' calls reach the API one after another, never two at once.
        List<Long> arrivals = api.arrivals();
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1)))
                    .as("gap before call %d", i).isGreaterThanOrEqualTo(140);
        }
    }

    /** Replaces {@code from} (appends when empty) in the working folder's copy of a file; fails if it is not there. */
    private void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        if (from.isEmpty()) {
            Files.writeString(path, to, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return;
        }
        String text = Files.readString(path);
        assertThat(text).as("the shipped " + file + " has the line the README tells users to edit").contains(from);
        Files.writeString(path, text.replace(from, to));
    }
}
