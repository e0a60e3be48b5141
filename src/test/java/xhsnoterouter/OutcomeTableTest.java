package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.support.ScriptedApi.code;
import static xhsnoterouter.support.ScriptedApi.drop;
import static xhsnoterouter.support.ScriptedApi.hold;
import static xhsnoterouter.support.ScriptedApi.raw;
import static xhsnoterouter.support.ScriptedApi.success;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.ScriptedApi.Answer;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §6 row by row, end to end: one input file whose notes each meet one row of the table on a scripted
 * API server, run through the real routes with {@code --once}; then the files on disk are checked.
 */
class OutcomeTableTest {

    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path dir;
    private ScriptedApi api;
    private Workspace work;
    private final Map<String, String> idOf = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        work = new Workspace(dir).api(api, "test-token-outcomes")
                .set("retry.max-attempts", Integer.toString(MAX_ATTEMPTS))
                .set("justoneapi.timeout-seconds", "1");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void row(String name, Answer... answers) {
        String id = NoteIds.id(0x0c0de, idOf.size());
        idOf.put(name, id);
        api.script(id, answers);
    }

    private String id(String name) {
        return idOf.get(name);
    }

    @Test
    void everyRowOfTheOutcomeTableEndsInItsFileWithReasonCodeStatusAndAttempts() {
        row("success", success());
        row("code0-without-note", raw(200, "application/json", "{\"code\":0,\"message\":\"ok\",\"data\":[]}"));
        row("201", code(200, 201, "no content"));
        row("301-then-ok", code(200, 301, "collection failed"), success());
        row("302-then-ok", code(429, 302, "rate limit"), success());
        row("500-then-ok", code(500, 500, "internal error"), success());
        row("503-then-ok", code(503, 503, "unavailable"), success());
        row("html502-then-ok", raw(502, "text/html", "<html><body>502 Bad Gateway</body></html>"), success());
        row("429-empty-then-ok", raw(429, "text/plain", ""), success());
        row("not-json-then-ok", raw(200, "application/json", "{\"code\":0,\"data\":[{\"user\":"), success());
        row("reset-then-ok", drop(), success());
        row("timeout-then-ok", hold(), success());
        row("301-always", code(200, 301, "collection failed"));
        row("503-always", code(503, 503, "unavailable"));
        row("400", code(400, 400, "invalid parameters"));
        row("unexpected-777", code(200, 777, "something new"));
        row("unexpected-404", code(200, 404, "listed but unexplained"));
        work.drop("table.txt", String.join("\n", idOf.values()) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        for (String fetched : new String[] {"success", "301-then-ok", "302-then-ok", "500-then-ok", "503-then-ok",
                "html502-then-ok", "429-empty-then-ok", "not-json-then-ok", "reset-then-ok", "timeout-then-ok"}) {
            assertThat(work.isArchived(id(fetched))).as(fetched + " archived").isTrue();
            assertThat(work.hasFailure(id(fetched))).as(fetched + " has no failure file").isFalse();
        }
        assertThat(api.requestsFor(id("success"))).isEqualTo(1);
        assertThat(api.requestsFor(id("301-then-ok"))).isEqualTo(2);
        assertThat(api.requestsFor(id("timeout-then-ok"))).isEqualTo(2);

        assertFailure("code0-without-note", "NOT_FOUND", 0, 200, 1);
        assertFailure("201", "NOT_FOUND", 201, 200, 1);
        assertFailure("301-always", "RETRIES_EXHAUSTED", 301, 200, MAX_ATTEMPTS);
        assertFailure("503-always", "RETRIES_EXHAUSTED", 503, 503, MAX_ATTEMPTS);
        assertFailure("400", "INVALID_PARAMS", 400, 400, 1);
        assertFailure("unexpected-777", "UNEXPECTED_CODE", 777, 200, 1);
        assertFailure("unexpected-404", "UNEXPECTED_CODE", 404, 200, 1);
        assertThat(work.failure(id("unexpected-777")).get("message").asText()).isEqualTo("something new");
        assertThat(api.requestsFor(id("301-always"))).isEqualTo(MAX_ATTEMPTS);
        assertThat(api.requestsFor(id("400"))).isEqualTo(1);
        assertThat(api.requestsFor(id("201"))).isEqualTo(1);

        JsonNode report = work.report("table.txt");
        assertThat(report.get("entries").asInt()).isEqualTo(idOf.size());
        assertThat(report.get("fetched").asInt()).isEqualTo(10);
        assertThat(report.get("notFound").asInt()).isEqualTo(2);
        assertThat(report.get("failed").asInt()).isEqualTo(5);
        assertThat(report.get("pending").asInt()).isZero();
        assertThat(report.get("byReason").get("RETRIES_EXHAUSTED").asInt()).isEqualTo(2);
        assertThat(report.get("byReason").get("UNEXPECTED_CODE").asInt()).isEqualTo(2);
        // Every call the app counts reached the server once: the JDK client's own re-send is off (ApiClient).
        assertThat(report.get("apiCalls").asInt()).isEqualTo(api.totalRequests());
        assertThat(api.requestsFor(id("reset-then-ok"))).isEqualTo(2);
        assertThat(work.records()).hasSize(10);
        assertThat(work.files("inbox/.done")).extracting(p -> p.getFileName().toString()).containsExactly("table.txt");
    }

    @Test
    void timeoutsDrippingBodiesAndDroppedConnectionsExhaustWithNoCodeAndNoStatus() {
        row("timeout-always", hold());
        row("reset-always", drop());
        row("body-never-ends", ScriptedApi.drip());
        work.drop("network.txt", id("timeout-always") + "\n" + id("reset-always") + "\n" + id("body-never-ends") + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(0);
        assertFailure("timeout-always", "RETRIES_EXHAUSTED", null, null, MAX_ATTEMPTS);
        assertFailure("reset-always", "RETRIES_EXHAUSTED", null, null, MAX_ATTEMPTS);
        assertThat(api.requestsFor(id("reset-always"))).as("no hidden re-sends").isEqualTo(MAX_ATTEMPTS);
        assertThat(work.failure(id("reset-always")).get("message").asText()).contains("closed it without an answer");
        assertThat(work.failure(id("timeout-always")).get("message").asText()).contains("within 1 s");
        // Headers and a first chunk arrived in time: only a timeout over the whole request ends this one.
        assertFailure("body-never-ends", "RETRIES_EXHAUSTED", null, null, MAX_ATTEMPTS);
        assertThat(work.failure(id("body-never-ends")).get("message").asText()).contains("within 1 s");
    }

    @Test
    void aRefusedConnectionIsRetriedThenFailsWithItsAttempts() throws Exception {
        String id = NoteIds.id(0x0c0de, 99);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        work.set("justoneapi.base-url", "http://127.0.0.1:" + closedPort);
        work.drop("refused.txt", id + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(0);
        JsonNode failure = work.failure(id);
        assertThat(failure.get("reason").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failure.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failure.get("message").asText()).contains("refused");
        assertThat(failure.get("firstAttemptAt").asText()).isNotEqualTo(failure.get("lastAttemptAt").asText());
    }

    private void assertFailure(String name, String reason, Integer code, Integer httpStatus, int attempts) {
        JsonNode failure = work.failure(id(name));
        assertThat(failure.get("reason").asText()).as(name).isEqualTo(reason);
        assertThat(failure.get("noteId").asText()).as(name).isEqualTo(id(name));
        assertThat(failure.get("input").asText()).as(name).isEqualTo(id(name));
        assertThat(failure.get("code").isNull() ? null : failure.get("code").asInt()).as(name + " code").isEqualTo(code);
        assertThat(failure.get("httpStatus").isNull() ? null : failure.get("httpStatus").asInt()).as(name + " status")
                .isEqualTo(httpStatus);
        assertThat(failure.get("attempts").asInt()).as(name + " attempts").isEqualTo(attempts);
        assertThat(failure.get("source").get("file").asText()).isNotEmpty();
        assertThat(failure.get("firstAttemptAt").isNull()).isFalse();
        assertThat(work.isArchived(id(name))).as(name + " not archived").isFalse();
    }
}
