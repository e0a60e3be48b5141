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
    void aRateLimitAnswerAmongManyCutsThePaceOfEveryCaller() throws Exception {
        RateGate gate = new RateGate(32, 0, time::get);
        for (int i = 0; i < 32; i++) {
            gate.acquire();
        }
        time.addAndGet(100 * MS);
        for (int i = 0; i < 32; i++) {
            gate.release();
            if (i < 20) {
                gate.accepted();
            } else {
                gate.rateLimited(); // a token bucket of 20: the burst of 32 at the start gets 12 of "rate limit"
            }
        }

        // the 7th refusal in a row (7 of the last 10 answers) starts a trial; with no pace before, what was accepted
        // is discounted by the share refused (7 of 27), since a bucket's store let part of it through
        assertThat(gate.allowedPerSecond()).as("a share of the 20 accepted in the last second")
                .isCloseTo(Pace.CUT_SHARE * 20 * (1 - 7.0 / 27), within(1e-9));
        assertThat(gate.limitedPace()).hasValue(gate.allowedPerSecond());
    }

    @Test
    void atFullPaceThereIsNoLimitedPaceToShow() {
        RateGate gate = new RateGate(4, 0, time::get);
        gate.accepted();

        assertThat(gate.limitedPace()).isEmpty();
        assertThat(new RateGate(4, 10, time::get).limitedPace()).as("the user's cap is not the API's limit").isEmpty();
    }
}
