package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;


class AccountGateTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String NOTE = "64a1b2c3d4e5f60718293a4b";

    private final AccountGate gate = new AccountGate(Clock.fixed(NOW, ZoneOffset.UTC));


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
        gate.close(Reason.DAILY_QUOTA_EXCEEDED, 303, "stopped by 303", NOTE);

        assertThat(gate.isOpen()).isFalse();
        AccountGate.Stop stop = gate.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(Reason.DAILY_QUOTA_EXCEEDED);
        assertThat(stop.code()).isEqualTo(303);
        assertThat(stop.since()).isEqualTo(NOW);
        assertThat(stop.resumeAt()).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    }

    @Test
    void otherAccountStopIsProbedAnHourLater() {
        gate.close(Reason.INSUFFICIENT_BALANCE, 601, "stopped by 601", NOTE);

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
        gate.close(Reason.INSUFFICIENT_BALANCE, 601, "stopped by 601", NOTE);
        gate.close(Reason.DAILY_QUOTA_EXCEEDED, 303, "stopped by 303", "ffffffffffffffffffffffff");

        AccountGate.Stop stop = gate.stop().orElseThrow();
        assertThat(stop.reason()).isEqualTo(Reason.INSUFFICIENT_BALANCE);
        assertThat(stop.resumeAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(stop.probeTarget()).isEqualTo(NOTE);
    }

    @Test
    void reopenOpensTheGate() {
        gate.close(Reason.INVALID_TOKEN, 100, "stopped by 100", NOTE);

        gate.reopen();

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.stop()).isEmpty();
    }

    @Test
    void afterReopenANewStopCountsAgain() {
        gate.close(Reason.INSUFFICIENT_BALANCE, 601, "stopped by 601", NOTE);
        gate.reopen();

        gate.close(Reason.DAILY_QUOTA_EXCEEDED, 303, "stopped by 303", NOTE);

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
        gate.close(Reason.TOKEN_SPENDING_CAP, 602, "stopped by 602", NOTE);
        gate.shutDown();

        gate.reopen();

        assertThat(gate.isOpen()).isFalse();
    }
}
