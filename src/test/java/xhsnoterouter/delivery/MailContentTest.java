package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MailContentTest {

    private static Event event(EventType type, String json) {
        return new Event(type, "d-1", Instant.parse("2026-11-27T10:00:00Z"), json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String REPORT = """
            {"event":"batch.completed","deliveryId":"d-1","occurredAt":"2026-11-27T10:00:00Z","report":{
              "file":"ids.txt","startedAt":"2026-11-27T09:59:00Z","finishedAt":"2026-11-27T10:00:00Z","entries":101,
              "invalid":1,"duplicates":0,"alreadyFetched":0,"fetched":98,"notFound":0,"failed":1,"pending":0,
              "byReason":{"INVALID_INPUT":1,"RETRIES_EXHAUSTED":1},"apiCalls":104,"notesPerSecond":12.5}}""";

    @Test
    void aBatchReportIsATableWithACountingSubject() {
        MailContent mail = MailContent.of(event(EventType.BATCH_COMPLETED, REPORT));

        assertThat(mail.subject()).isEqualTo("[xhs-note-router] ids.txt: 98 fetched, 2 failed");
        assertThat(mail.text()).containsPattern("Fetched +98\\s").contains("RETRIES_EXHAUSTED: 1").doesNotContain("{");
        assertThat(mail.html()).contains("<table").contains("<th style=\"text-align:left;padding:2px 12px 2px 0\">Fetched</th>")
                .contains(">98</td>").contains("By reason");
    }

    @Test
    void pendingNotesAppearInTheSubject() {
        MailContent mail = MailContent.of(event(EventType.BATCH_COMPLETED, REPORT.replace("\"pending\":0", "\"pending\":7")));
        assertThat(mail.subject()).endsWith("98 fetched, 2 failed, 7 pending");
    }

    @Test
    void aPauseSaysWhyWhatIsPendingAndWhatToDo() {
        MailContent mail = MailContent.of(event(EventType.API_PAUSED, """
                {"event":"api.paused","deliveryId":"d-1","occurredAt":"2026-11-27T10:00:00Z","reason":"INSUFFICIENT_BALANCE",
                 "code":601,"message":"insufficient balance","pending":25,"resumeAt":"2026-11-27T11:00:00Z"}"""));

        assertThat(mail.subject()).isEqualTo("[xhs-note-router] API paused: INSUFFICIENT_BALANCE (code 601), 25 notes pending");
        assertThat(mail.text()).contains("Top up the account").contains("2026-11-27T11:00:00Z");
    }

    @Test
    void lineBreaksFromANoteTitleNeverReachTheSubject() {
        MailContent mail = MailContent.of(event(EventType.NOTE_FETCHED, """
                {"event":"note.fetched","record":{"noteId":"64f1a2b3c4d5e6f708192a3b",
                 "title":"Sale!\\r\\nBcc: victim@example.com\\r\\n\\r\\n<script>x</script>\\u2028X-Injected: 1"}}"""));

        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u2028")
                .isEqualTo("[xhs-note-router] fetched 64f1a2b3c4d5e6f708192a3b: Sale! Bcc: victim@example.com "
                        + "<script>x</script> X-Injected: 1");
        assertThat(mail.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void aBodyARouteReplacedWithSomethingElseStillMakesAMail() {
        MailContent mail = MailContent.of(event(EventType.NOTE_FAILED, "not json"));
        assertThat(mail.subject()).startsWith("[xhs-note-router] not fetched ");
    }
}
