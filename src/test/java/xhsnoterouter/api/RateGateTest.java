package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateGateTest {

    private static final long MS = 1_000_000;
    private final AtomicLong time = new AtomicLong(1_000_000 * MS);

    /** One call answered at once. */
    private static void call(RateGate gate) throws InterruptedException {
        gate.acquire();
        gate.release();
    }

    @Test
    void neverAdmitsMoreThanTheConcurrencyAtOnce() throws Exception {
        int concurrency = 3;
        RateGate gate = new RateGate(concurrency, 0);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        gate.acquire();
                        try {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.sleep(5);
                        } finally {
                            inside.decrementAndGet();
                            gate.release();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("a holder is stuck").isFalse();
        }

        assertThat(mostInside.get()).isLessThanOrEqualTo(concurrency);
        assertThat(mostInside.get()).as("the gate should admit up to its concurrency in parallel").isEqualTo(concurrency);
    }

    @Test
    void capSpacesAcquisitionsOut() throws Exception {
        RateGate gate = new RateGate(100, 50);

        long started = System.nanoTime();
        for (int i = 0; i < 26; i++) {
            gate.acquire();
            gate.release();
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // 26 starts at 50/s are 25 gaps of 20 ms: 0.5 s at least (lower bound only, a slow machine may take longer).
        assertThat(elapsedMs).isGreaterThanOrEqualTo(450);
    }

    @Test
    void capIsTheAllowedRate() {
        assertThat(new RateGate(4, 10).allowedPerSecond()).isEqualTo(10.0);
        assertThat(new RateGate(4, 0).allowedPerSecond()).isInfinite();
    }

    @Test
    void slowDownHalvesTheRateFromTheCapOncePerRoundTrip() throws Exception {
        RateGate gate = new RateGate(4, 10, time::get);

        gate.slowDown();
        assertThat(gate.allowedPerSecond()).isEqualTo(5.0);

        call(gate);
        gate.slowDown();
        assertThat(gate.allowedPerSecond()).isEqualTo(2.5);
    }

    @Test
    void rateLimitAnswersToCallsAlreadyInFlightHalveTheRateOnce() throws Exception {
        RateGate gate = new RateGate(32, 0, time::get);
        for (int i = 0; i < 32; i++) {
            gate.acquire();
            time.addAndGet(MS);
        }
        for (int i = 0; i < 32; i++) {
            gate.release();
            if (i >= 20) {
                gate.slowDown(); // 12 of the 32 answered 302: one halving of the 32/s really sent
            }
        }

        assertThat(gate.allowedPerSecond()).isEqualTo(16.0);
    }

    @Test
    void aRateLimitAnswerToACallStartedAfterTheHalvingHalvesAgain() throws Exception {
        RateGate gate = new RateGate(32, 0, time::get);
        for (int i = 0; i < 32; i++) {
            call(gate);
        }
        gate.slowDown();
        assertThat(gate.allowedPerSecond()).isEqualTo(16.0);

        time.addAndGet(100 * MS);
        call(gate);
        gate.slowDown();

        assertThat(gate.allowedPerSecond()).isEqualTo(8.0);
    }

    @Test
    void halvesTheRateReallySentNotAnAllowanceNobodyUses() throws Exception {
        RateGate gate = new RateGate(4, 100, time::get);
        for (int i = 0; i < 10; i++) {
            call(gate);
            time.addAndGet(90 * MS);
        }

        gate.slowDown();

        assertThat(gate.allowedPerSecond()).isEqualTo(5.0);
    }

    @Test
    void successesRegainQuicklyToJustUnderTheLimitSeenThenProbeAdditively() throws Exception {
        RateGate gate = new RateGate(32, 1000, time::get);
        for (int i = 0; i < 20; i++) {
            call(gate);
            time.addAndGet(45 * MS);
        }
        gate.slowDown(); // 20 sent in the last second: the limit is about 20/s
        assertThat(gate.allowedPerSecond()).isEqualTo(10.0);

        for (int i = 0; i < 7; i++) {
            gate.succeeded();
        }
        assertThat(gate.allowedPerSecond()).as("back to 85 %% of 20/s after 7 successes").isEqualTo(17.0);

        for (int i = 0; i < 17; i++) { // about one second of successes at 17/s
            gate.succeeded();
        }
        assertThat(gate.allowedPerSecond()).as("then +0.5/s per second").isCloseTo(17.5, within(0.02));
    }

    @Test
    void theUnpacedBurstAtTheStartIsHalvedButNotTakenForTheLimit() throws Exception {
        RateGate gate = new RateGate(32, 0, time::get);
        for (int i = 0; i < 32; i++) {
            call(gate);
        }
        gate.slowDown();

        gate.succeeded();

        assertThat(gate.allowedPerSecond()).as("only the additive increase").isCloseTo(16.0 + 0.5 / 16, within(1e-9));
    }

    @Test
    void slowDownNeverStopsCallsAltogether() {
        RateGate gate = new RateGate(4, 10);

        for (int i = 0; i < 100; i++) {
            gate.slowDown();
        }

        assertThat(gate.allowedPerSecond()).isPositive();
    }

    @Test
    void successRaisesTheRateAgain() {
        RateGate gate = new RateGate(4, 10);
        gate.slowDown();

        gate.succeeded();

        assertThat(gate.allowedPerSecond()).isGreaterThan(5.0).isLessThanOrEqualTo(10.0);
    }

    @Test
    void successesBringTheRateBackToTheCap() throws Exception {
        RateGate gate = new RateGate(4, 10, time::get);
        gate.slowDown();
        call(gate);
        gate.slowDown();

        for (int i = 0; i < 1_000; i++) {
            gate.succeeded();
        }

        assertThat(gate.allowedPerSecond()).isEqualTo(10.0);
    }

    @Test
    void successNeverRaisesTheRateAboveTheCap() {
        RateGate gate = new RateGate(4, 10);

        for (int i = 0; i < 100; i++) {
            gate.succeeded();
            assertThat(gate.allowedPerSecond()).isLessThanOrEqualTo(10.0);
        }
    }

    @Test
    void withoutACapSlowDownAfterABurstSetsAFiniteRate() throws Exception {
        RateGate gate = new RateGate(50, 0);
        for (int i = 0; i < 40; i++) {
            gate.acquire();
            gate.release();
        }

        gate.slowDown();

        assertThat(gate.allowedPerSecond()).isFinite().isPositive().isLessThanOrEqualTo(20.0);
    }
}
