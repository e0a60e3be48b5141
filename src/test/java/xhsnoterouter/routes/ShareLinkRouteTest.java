package xhsnoterouter.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.routes.StandInApi.code;
import static xhsnoterouter.routes.StandInApi.json;
import static xhsnoterouter.routes.StandInApi.redirectTo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xhsnoterouter.api.NoteFlow;
import xhsnoterouter.api.Reason;
import xhsnoterouter.support.NoteIds;

/**
 * routes/fetch.yaml for a short link, one branch at a time: fetch-note → resolve-link → call-share-link (its camel-http
 * step answered by a {@code mock:} endpoint) → its note through note-detail, only counted, UNRESOLVED_LINK, a retry
 * or an account stop; then what the user finds in outbox/ and state/.
 */
class ShareLinkRouteTest extends RouteTestSupport {

    private static final String LINK = "http://xhslink.com/a/Route1";
    private final StandInApi api = new StandInApi();
    private final String note = NoteIds.id(0x11c, 1);

    @Test
    void aResolvedLinkIsFetchedAsItsNoteInTheSameWorker() throws Exception {
        api.script(LINK, redirectTo(note));
        answerApiCallsWith(api);
        shareLinkApi().expectedHeaderReceived(NoteFlow.SHORT_LINK, LINK);
        noteDetailApi().expectedHeaderReceived(NoteFlow.NOTE_ID, note);
        mock("note-detail").expectedMessageCount(1);
        mock("archive-note").expectedMessageCount(1);
        mock("note-failed").expectedMessageCount(0);
        startApp();

        ingest("links.txt", LINK + "\n");

        assertMocksSatisfied();
        assertThat(api.calls()).containsExactly(LINK, note);
        assertThat(work.note(note).get("source").toString()).isEqualTo("{\"file\":\"links.txt\",\"line\":1}");
        assertThat(work.report("links.txt").get("fetched").asInt()).isEqualTo(1);
    }

    @Test
    void aLinkToANoteNamedEarlierInTheFileIsOnlyCounted() throws Exception {
        api.script(LINK, redirectTo(note));
        answerApiCallsWith(api);
        shareLinkApi().expectedMessageCount(1);
        noteDetailApi().expectedMessageCount(1);
        mock("archive-note").expectedMessageCount(1);
        startApp();

        ingest("links.txt", note + "\n" + LINK + "\n");

        assertMocksSatisfied();
        assertThat(api.calls(note)).as("the note is fetched once").isEqualTo(1);
        assertThat(work.note(note).get("source").get("line").asInt()).as("its first naming").isEqualTo(1);
        JsonNode report = work.report("links.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(1);
        assertThat(report.get("duplicates").asInt() + report.get("alreadyFetched").asInt()).isEqualTo(1);
        assertThat(work.files("outbox/failed")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "code 201                | {\"code\":201,\"message\":\"no content\"}",
        "code 404                | {\"code\":404,\"message\":\"not found\"}",
        "code 0 without a target | {\"code\":0,\"message\":\"success\",\"data\":{}}",
    })
    void aLinkThatLeadsNowhereFailsAsUnresolvedWithoutANoteCall(String row, String body) throws Exception {
        api.script(LINK, json(200, body));
        answerApiCallsWith(api);
        mock("note-failed").expectedHeaderReceived(NoteFlow.REASON, Reason.UNRESOLVED_LINK.name());
        mock("retry-later").expectedMessageCount(0);
        noteDetailApi().expectedMessageCount(0);
        startApp();

        ingest("links.txt", LINK + "\n");

        assertMocksSatisfied();
        JsonNode failure = work.failure("link-links.txt-1");
        assertThat(failure.get("reason").asText()).isEqualTo("UNRESOLVED_LINK");
        assertThat(failure.get("input").asText()).isEqualTo(LINK);
        assertThat(failure.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aPassingTroubleWhileResolvingIsRetriedThenFailsAsRetriesExhausted() throws Exception {
        api.script(LINK, code(301, "collection failed"));
        answerApiCallsWith(api);
        shareLinkApi().expectedMessageCount(MAX_ATTEMPTS);
        mock("retry-later").expectedMessageCount(MAX_ATTEMPTS);
        mock("note-failed").expectedHeaderReceived(NoteFlow.REASON, Reason.RETRIES_EXHAUSTED.name());
        startApp();

        ingest("links.txt", LINK + "\n");

        assertMocksSatisfied();
        JsonNode failure = work.failure("link-links.txt-1");
        assertThat(failure.get("reason").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failure.get("code").asInt()).isEqualTo(301);
        assertThat(failure.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void anAccountStopWhileResolvingKeepsTheLinkPending() throws Exception {
        api.script(LINK, code(601, "insufficient balance"));
        answerApiCallsWith(api);
        mock("account-stop").expectedMessageCount(1);
        mock("keep-pending").expectedMessageCount(2);
        noteDetailApi().expectedMessageCount(0);
        startApp();

        ingest("links.txt", LINK + "\n" + note + "\n");

        assertMocksSatisfied();
        assertThat(gate().stop()).hasValueSatisfying(stop -> assertThat(stop.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE));
        assertThat(work.files("state/pending")).singleElement()
                .satisfies(file -> assertThat(file).content().contains(LINK).contains(note));
        assertThat(work.report("links.txt").get("pending").asInt()).isEqualTo(2);
        assertThat(work.files("outbox/failed")).isEmpty();
    }
}
