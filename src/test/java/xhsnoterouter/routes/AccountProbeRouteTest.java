package xhsnoterouter.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.routes.StandInApi.code;
import static xhsnoterouter.routes.StandInApi.redirectTo;
import static xhsnoterouter.routes.StandInApi.success;

import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.NoteFlow;
import xhsnoterouter.api.Reason;
import xhsnoterouter.support.NoteIds;

/**
 * The account-probe route of routes/fetch.yaml (service mode), each branch on its own: its timer replaced by a
 * {@code direct:} endpoint the test sends to, so one probe runs when the test says, and the clock moved instead of
 * waiting an hour. No stop or a stop not yet due: no call; 303 after the quota reset: open without a call; another
 * stop after the hour: one call with the note (or link) that saw it, then still stopped or open again, and then the
 * pending notes fetched.
 */
class AccountProbeRouteTest extends RouteTestSupport {

    private static final String PROBE_NOW = "direct:account-probe-now";
    private final StandInApi api = new StandInApi();
    private final String stopper = NoteIds.id(0x960b, 1);
    private final String untried = NoteIds.id(0x960b, 2);

    @Override
    protected boolean serviceMode() {
        return true;
    }

    private void advise() throws Exception {
        answerApiCallsWith(api);
        AdviceWith.adviceWith(context, "account-probe", a -> a.replaceFromWith(PROBE_NOW));
    }

    /** An input file whose first note meets an account stop: both notes end pending. */
    private void stopTheAccount(StandInApi.Answer stopAnswer) throws Exception {
        api.script(stopper, stopAnswer, success());
        ingest("ids.txt", stopper + "\n" + untried + "\n");
        assertThat(gate().isOpen()).isFalse();
        assertThat(work.files("state/pending")).hasSize(1);
    }

    private void probe() {
        template.sendBody(PROBE_NOW, null);
    }

    /** Made before the probe: matches once the resume-pending route has run the pending file to its end. */
    private NotifyBuilder pendingResumed() {
        // the file's own exchange, not the copies split from it (one per entry), done as soon as they are queued
        return new NotifyBuilder(context).fromRoute("resume-pending").wereSentTo("direct:ingest").whenDone(1).create();
    }

    private static void await(NotifyBuilder resumed) {
        assertThat(resumed.matches(20, TimeUnit.SECONDS)).as("the pending notes resumed").isTrue();
    }

    @Test
    void withTheAccountUsableAProbeMakesNoCall() throws Exception {
        advise();
        startApp();

        probe();

        assertThat(api.calls()).isEmpty();
        assertThat(gate().isOpen()).isTrue();
    }

    @Test
    void beforeTheHourIsUpNoProbeCallIsMade() throws Exception {
        advise();
        startApp();
        stopTheAccount(code(601, "insufficient balance"));

        clock.advance(Duration.ofMinutes(59));
        probe();

        assertThat(api.calls()).containsExactly(stopper);
        assertThat(gate().isOpen()).isFalse();
    }

    @Test
    void aProbeAnsweredWithAStopCodeKeepsTheAccountStoppedAnotherHour() throws Exception {
        advise();
        startApp();
        api.script(stopper, code(601, "insufficient balance"));
        ingest("ids.txt", stopper + "\n" + untried + "\n");

        clock.advance(Duration.ofMinutes(61));
        probe();

        assertThat(api.calls()).containsExactly(stopper, stopper);
        assertThat(gate().stop()).hasValueSatisfying(stop -> {
            assertThat(stop.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
            assertThat(stop.resumeAt()).isAfter(clock.instant().plus(Duration.ofMinutes(59)));
        });
        assertThat(work.files("state/pending")).hasSize(1);
        assertThat(work.records()).isEmpty();
    }

    @Test
    void aProbeAnsweredReopensTheAccountAndThePendingNotesAreFetched() throws Exception {
        advise();
        mock("archive-note").expectedMessageCount(2);
        startApp();
        stopTheAccount(code(601, "insufficient balance"));

        clock.advance(Duration.ofMinutes(61));
        NotifyBuilder resumed = pendingResumed();
        probe();

        assertThat(gate().isOpen()).isTrue();
        assertMocksSatisfied();
        await(resumed);
        assertThat(api.calls()).as("the stop, the probe, then both notes").containsExactly(stopper, stopper, stopper, untried);
        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrder(stopper, untried);
        assertThat(work.files("outbox/failed")).isEmpty();
    }

    @Test
    void aDailyQuotaStopReopensAfterTheResetWithoutACall() throws Exception {
        advise();
        mock("archive-note").expectedMessageCount(2);
        startApp();
        stopTheAccount(code(303, "daily quota exceeded"));
        Instant reset = gate().stop().orElseThrow().resumeAt();
        assertThat(reset).isEqualTo(AccountGate.nextQuotaReset(gate().stop().orElseThrow().since()));

        clock.advance(Duration.between(clock.instant(), reset).plusSeconds(1));
        NotifyBuilder resumed = pendingResumed();
        probe();

        assertThat(gate().isOpen()).isTrue();
        assertMocksSatisfied();
        await(resumed);
        assertThat(api.calls(stopper)).as("no probe call: the resumed note's own fetch only").isEqualTo(2);
        assertThat(work.records()).hasSize(2);
    }

    @Test
    void aStopMetWhileResolvingALinkIsProbedWithThatLink() throws Exception {
        String link = "http://xhslink.com/a/Probe1";
        api.script(link, code(600, "permission denied"), redirectTo(stopper));
        advise();
        // the stop, the probe, and the pending link resolved again once the account is open
        shareLinkApi().expectedMessageCount(3);
        shareLinkApi().message(1).header(NoteFlow.SHORT_LINK).isEqualTo(link);
        mock("archive-note").expectedMessageCount(1);
        startApp();
        ingest("links.txt", link + "\n");
        assertThat(gate().isOpen()).isFalse();

        clock.advance(Duration.ofMinutes(61));
        NotifyBuilder resumed = pendingResumed();
        probe();

        assertThat(gate().isOpen()).isTrue();
        assertMocksSatisfied();
        await(resumed);
        assertThat(api.calls()).as("the probe resolves the link and fetches no note").containsExactly(link, link, link, stopper);
        assertThat(work.isArchived(stopper)).isTrue();
    }
}
