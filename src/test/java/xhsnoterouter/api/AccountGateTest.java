package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import xhsnoterouter.api.Verdict.Kind;

class AccountGateTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String NOTE = "64a1b2c3d4e5f60718293a4b";

    private final AccountGate gate = new AccountGate(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Verdict stop(int code, Reason reason) {
        return new Verdict(Kind.ACCOUNT_STOP, reason, code, 200, "stopped by " + code, null);
    }

    @Test
    void quotaResetsAtTheNextMidnightInShanghai() {
        assertThat(AccountGate.nextQuotaReset(Instant.parse("2026-11-27T15:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
        assertThat(AccountGate.nextQuotaReset(Instant.parse("2026-11-27T10:15:30Z")))
                .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    }

    @Test
    void atShanghaiMidnightTheNextResetIsADayLater() {
        assertThat(AccountGate.nextQuotaReset(Instant.parse("2026-11-27T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-28T16:00:00Z"));
        assertThat(AccountGate.nextQuotaReset(Instant.parse("2026-11-27T16:00:01Z")))
                .isEqualTo(Instant.parse("2026-11-28T16:00:00Z"));
    }

    @Test
    void quotaResetCrossesMonthAndYearEnds() {
        assertThat(AccountGate.nextQuotaReset(Instant.parse("2026-12-31T20:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-01T16:00:00Z"));
    }

    @Test
    void newGateIsOpen() {
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.stop()).isEmpty();
        assertThat(gate.isShuttingDown()).isFalse();
    }

    @Test
    void dailyQuotaStopResumesAtTheQuotaReset() {
        gate.close(stop(303, Reason.DAILY_QUOTA_EXCEEDED), NOTE);

        assertThat(gate.isOpen()).isFalse();
        AccountGate.Stop stop = gate.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(Reason.DAILY_QUOTA_EXCEEDED);
        assertThat(stop.code()).isEqualTo(303);
        assertThat(stop.since()).isEqualTo(NOW);
        assertThat(stop.resumeAt()).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    }

    @Test
    void otherAccountStopIsProbedAnHourLater() {
        gate.close(stop(601, Reason.INSUFFICIENT_BALANCE), NOTE);

        assertThat(gate.isOpen()).isFalse();
        AccountGate.Stop stop = gate.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(stop.code()).isEqualTo(601);
        assertThat(stop.message()).isEqualTo("stopped by 601");
        assertThat(stop.resumeAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(stop.probeTarget()).isEqualTo(NOTE);
    }

    @Test
    void onlyTheFirstCloseCounts() {
        gate.close(stop(601, Reason.INSUFFICIENT_BALANCE), NOTE);
        gate.close(stop(303, Reason.DAILY_QUOTA_EXCEEDED), "ffffffffffffffffffffffff");

        AccountGate.Stop stop = gate.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(stop.resumeAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(stop.probeTarget()).isEqualTo(NOTE);
    }

    @Test
    void reopenOpensTheGate() {
        gate.close(stop(100, Reason.INVALID_TOKEN), NOTE);

        gate.reopen();

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.stop()).isEmpty();
    }

    @Test
    void afterReopenANewStopCountsAgain() {
        gate.close(stop(601, Reason.INSUFFICIENT_BALANCE), NOTE);
        gate.reopen();

        gate.close(stop(303, Reason.DAILY_QUOTA_EXCEEDED), NOTE);

        assertThat(gate.stop().orElseThrow().reason()).isEqualTo(Reason.DAILY_QUOTA_EXCEEDED);
    }

    @Test
    void shutDownClosesForGood() {
        gate.shutDown();

        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.isShuttingDown()).isTrue();

        gate.reopen();

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void shutDownAfterAStopStaysClosedAfterReopen() {
        gate.close(stop(602, Reason.TOKEN_SPENDING_CAP), NOTE);
        gate.shutDown();

        gate.reopen();

        assertThat(gate.isOpen()).isFalse();
    }
}
