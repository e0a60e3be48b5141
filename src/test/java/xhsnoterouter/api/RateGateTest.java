package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RateGateTest {

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
    void slowDownHalvesTheRateFromTheCap() {
        RateGate gate = new RateGate(4, 10);

        gate.slowDown();
        assertThat(gate.allowedPerSecond()).isEqualTo(5.0);

        gate.slowDown();
        assertThat(gate.allowedPerSecond()).isEqualTo(2.5);
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
    void successesBringTheRateBackToTheCap() {
        RateGate gate = new RateGate(4, 10);
        gate.slowDown();
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
