package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final DoubleSupplier MIDDLE = () -> 0.5;
    private static final DoubleSupplier LOWEST = () -> 0.0;
    private static final DoubleSupplier HIGHEST = () -> Math.nextDown(1.0);

    private final Backoff backoff = new Backoff(2_000, 60_000);

    @Test
    void firstRetryWaitsAboutTheInitialDelay() {
        assertThat(backoff.delayMs(1, MIDDLE)).isEqualTo(2_000);
        assertThat(backoff.delayMs(1, LOWEST)).isBetween(1_500L, 2_500L);
        assertThat(backoff.delayMs(1, HIGHEST)).isBetween(1_500L, 2_500L);
    }

    @Test
    void delayDoublesWithEachAttempt() {
        assertThat(backoff.delayMs(1, MIDDLE)).isEqualTo(2_000);
        assertThat(backoff.delayMs(2, MIDDLE)).isEqualTo(4_000);
        assertThat(backoff.delayMs(3, MIDDLE)).isEqualTo(8_000);
        assertThat(backoff.delayMs(4, MIDDLE)).isEqualTo(16_000);
        assertThat(backoff.delayMs(5, MIDDLE)).isEqualTo(32_000);
    }

    @Test
    void jitterStaysWithinAQuarterEitherWay() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 4; attempt++) {
            double base = 2_000 * Math.pow(2, attempt - 1);
            for (int i = 0; i < 1_000; i++) {
                assertThat(backoff.delayMs(attempt, random::nextDouble))
                        .as("attempt %d", attempt)
                        .isBetween(Math.round(base * 0.75), Math.round(base * 1.25));
            }
        }
    }

    @Test
    void jitterReallySpreadsTheDelays() {
        assertThat(backoff.delayMs(3, LOWEST)).isEqualTo(6_000);
        assertThat(backoff.delayMs(3, HIGHEST)).isBetween(9_990L, 10_000L);
    }

    @Test
    void delayNeverExceedsTheCeiling() {
        Random random = new Random(11);
        for (int attempt = 1; attempt <= 200; attempt++) {
            assertThat(backoff.delayMs(attempt, HIGHEST)).as("attempt %d", attempt).isLessThanOrEqualTo(60_000);
            assertThat(backoff.delayMs(attempt, random::nextDouble)).as("attempt %d", attempt).isLessThanOrEqualTo(60_000);
        }
        assertThat(backoff.delayMs(Integer.MAX_VALUE, HIGHEST)).isLessThanOrEqualTo(60_000);
    }

    @Test
    void delaysAtTheCeilingStayCloseToIt() {
        assertThat(backoff.delayMs(30, LOWEST)).isEqualTo(45_000);
        assertThat(backoff.delayMs(30, MIDDLE)).isEqualTo(60_000);
        assertThat(backoff.delayMs(Integer.MAX_VALUE, LOWEST)).isEqualTo(45_000);
    }
}
