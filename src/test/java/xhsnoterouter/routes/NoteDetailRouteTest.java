package xhsnoterouter.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.routes.StandInApi.code;
import static xhsnoterouter.routes.StandInApi.json;
import static xhsnoterouter.routes.StandInApi.success;
import static xhsnoterouter.routes.StandInApi.timeout;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xhsnoterouter.Json;
import xhsnoterouter.api.NoteFlow;
import xhsnoterouter.api.Reason;
import xhsnoterouter.support.NoteIds;

/**
 * routes/fetch.yaml for a note ID, one branch at a time: fetch-note → note-detail → call-note-detail (its camel-http
 * step answered by {@link StandInApi}) → the choice on the code and answer-by-code → archive-note, note-failed,
 * retry-later or account-stop, as SPEC §6 says; then the file the user sees.
 */
class NoteDetailRouteTest extends RouteTestSupport {

    private final StandInApi api = new StandInApi();
    private final String note = NoteIds.id(0x7e57, 1);

    @Test
    void code0WithANoteIsArchivedAsReceived() throws Exception {
        api.script(note, success());
        answerApiCallsWith(api);
        noteDetailApi().expectedHeaderReceived(NoteFlow.NOTE_ID, note);
        mock("archive-note").expectedMessageCount(1);
        mock("note-failed").expectedMessageCount(0);
        mock("retry-later").expectedMessageCount(0);
        startApp();

        ingest("one.txt", note + "\n");

        assertMocksSatisfied();
        JsonNode archived = work.note(note);
        assertThat(archived.get("response")).isEqualTo(Json.MAPPER.readTree(bytes(success())));
        assertThat(archived.get("source").toString()).isEqualTo("{\"file\":\"one.txt\",\"line\":1}");
        assertThat(work.records()).singleElement().satisfies(r -> assertThat(r.get("noteId").asText()).isEqualTo(note));
        assertThat(api.calls()).containsExactly(note);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "code 0 without a note | {\"code\":0,\"message\":\"ok\",\"data\":[]}        | NOT_FOUND       | 0",
        "code 201              | {\"code\":201,\"message\":\"no content\"}          | NOT_FOUND       | 201",
        "code 400              | {\"code\":400,\"message\":\"invalid parameters\"}  | INVALID_PARAMS  | 400",
        "code 777              | {\"code\":777,\"message\":\"something new\"}       | UNEXPECTED_CODE | 777",
        "code 404              | {\"code\":404,\"message\":\"not in the table\"}    | UNEXPECTED_CODE | 404",
    })
    void aFinalAnswerFailsTheNoteAtOnceForItsReason(String row, String body, String reason, int code) throws Exception {
        api.script(note, json(200, body));
        answerApiCallsWith(api);
        mock("note-failed").expectedHeaderReceived("XnrReason", reason);
        mock("retry-later").expectedMessageCount(0);
        mock("archive-note").expectedMessageCount(0);
        startApp();

        ingest("one.txt", note + "\n");

        assertMocksSatisfied();
        JsonNode failure = work.failure(note);
        assertThat(failure.get("reason").asText()).isEqualTo(reason);
        assertThat(failure.get("code").asInt()).isEqualTo(code);
        assertThat(failure.get("attempts").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "code 301         | 200 | {\"code\":301,\"message\":\"collection failed\"}",
        "code 302         | 200 | {\"code\":302,\"message\":\"rate limit\"}",
        "code 500         | 200 | {\"code\":500,\"message\":\"internal error\"}",
        "code 503         | 503 | {\"code\":503,\"message\":\"unavailable\"}",
        "HTTP 502 page    | 502 | <html><body>502 Bad Gateway</body></html>",
        "HTTP 429 empty   | 429 | ''",
        "JSON cut short   | 200 | {\"code\":0,\"data\":[{\"user\":",
    })
    void aPassingTroubleIsRetriedThenFailsAsRetriesExhausted(String row, int status, String body) throws Exception {
        api.script(note, json(status, body));
        answerApiCallsWith(api);
        noteDetailApi().expectedMessageCount(MAX_ATTEMPTS);
        mock("retry-later").expectedMessageCount(MAX_ATTEMPTS);
        mock("note-failed").expectedHeaderReceived("XnrReason", Reason.RETRIES_EXHAUSTED.name());
        startApp();

        ingest("one.txt", note + "\n");

        assertMocksSatisfied();
        assertThat(api.calls(note)).isEqualTo(MAX_ATTEMPTS);
        JsonNode failure = work.failure(note);
        assertThat(failure.get("reason").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failure.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failure.get("httpStatus").asInt()).isEqualTo(status);
    }

    @Test
    void aTimeoutIsRetriedAndTheNextAnswerArchivesTheNote() throws Exception {
        api.script(note, timeout(), code(301, "collection failed"), success());
        answerApiCallsWith(api);
        mock("retry-later").expectedMessageCount(2);
        mock("retry-later").message(0).header("XnrCode").isNull();
        mock("retry-later").message(1).header("XnrCode").isEqualTo(301);
        mock("archive-note").expectedMessageCount(1);
        startApp();

        ingest("one.txt", note + "\n");

        assertMocksSatisfied();
        assertThat(work.isArchived(note)).isTrue();
        assertThat(work.records()).singleElement().satisfies(r -> assertThat(r.get("noteId").asText()).isEqualTo(note));
        assertThat(work.report("one.txt").get("fetched").asInt()).isEqualTo(1);
    }

    @Test
    void aTimeoutEveryTimeEndsAsRetriesExhaustedSayingSo() throws Exception {
        api.script(note, timeout());
        answerApiCallsWith(api);
        mock("note-failed").expectedMessageCount(1);
        startApp();

        ingest("one.txt", note + "\n");

        assertMocksSatisfied();
        JsonNode failure = work.failure(note);
        assertThat(failure.get("reason").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failure.get("message").asText()).contains("no complete response within");
        assertThat(failure.get("code").isNull()).isTrue();
    }

    @ParameterizedTest(name = "code {0} → {1}")
    @CsvSource({
        "100, INVALID_TOKEN",
        "303, DAILY_QUOTA_EXCEEDED",
        "600, PERMISSION_DENIED",
        "601, INSUFFICIENT_BALANCE",
        "602, TOKEN_SPENDING_CAP",
    })
    void anAccountStopCodeStopsCallingAndKeepsEveryUntriedNotePending(int stopCode, Reason reason) throws Exception {
        String untried = NoteIds.id(0x7e57, 2);
        api.script(note, code(stopCode, "account problem"));
        answerApiCallsWith(api);
        mock("account-stop").expectedMessageCount(1);
        mock("account-stop").expectedHeaderReceived("XnrCode", stopCode);
        // the stopped note, and the next one, which meets the closed gate (XnrCallMade false: no call)
        mock("keep-pending").expectedMessageCount(2);
        noteDetailApi().expectedMessageCount(1);
        mock("note-failed").expectedMessageCount(0);
        startApp();

        ingest("two.txt", note + "\n" + untried + "\n");

        assertMocksSatisfied();
        assertThat(api.calls()).containsExactly(note);
        assertThat(gate().stop()).hasValueSatisfying(stop -> assertThat(stop.reason()).isEqualTo(reason));
        assertThat(work.files("state/pending")).singleElement()
                .satisfies(file -> assertThat(file).content().contains(note).contains(untried));
        assertThat(work.report("two.txt").get("pending").asInt()).isEqualTo(2);
        assertThat(work.files("outbox/failed")).isEmpty();
    }

    private static byte[] bytes(StandInApi.Answer answer) {
        return ((StandInApi.Reply) answer).body();
    }
}
