package xhsnoterouter.api;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits API calls: never more than {@code concurrency} in flight, never faster than the allowed rate.
 * The allowed rate is the configured cap, lowered by half on each rate-limit answer and raised again slowly
 * while calls succeed (additive increase), so one 302 slows the whole pipeline, not only its note.
 */
public final class RateGate {

    private static final Logger LOG = LoggerFactory.getLogger(RateGate.class);
    private static final double FLOOR_PER_SECOND = 0.2;
    private static final long NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Semaphore slots;
    private final double capPerSecond;
    private double adaptivePerSecond = Double.POSITIVE_INFINITY;
    private long nextStartNanos = System.nanoTime();
    private long bucketSecond;
    private int bucketCount;
    private int previousBucketCount;
    private long lastSlowDownLog;

    /** @param capPerSecond 0 for no cap */
    public RateGate(int concurrency, double capPerSecond) {
        this.slots = new Semaphore(concurrency, true);
        this.capPerSecond = capPerSecond > 0 ? capPerSecond : Double.POSITIVE_INFINITY;
    }

    public void acquire() throws InterruptedException {
        slots.acquire();
        try {
            waitForTurn();
        } catch (InterruptedException e) {
            slots.release();
            throw e;
        }
    }

    public void release() {
        slots.release();
    }

    private void waitForTurn() throws InterruptedException {
        long startAt;
        synchronized (this) {
            long now = System.nanoTime();
            countStart(now);
            double rate = allowedPerSecond();
            if (Double.isInfinite(rate)) {
                return;
            }
            startAt = Math.max(now, nextStartNanos);
            nextStartNanos = startAt + (long) (NANOS / rate);
        }
        long wait = startAt - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void countStart(long now) {
        long second = now / NANOS;
        if (second != bucketSecond) {
            previousBucketCount = second == bucketSecond + 1 ? bucketCount : 0;
            bucketSecond = second;
            bucketCount = 0;
        }
        bucketCount++;
    }

    public synchronized double allowedPerSecond() {
        return Math.min(capPerSecond, adaptivePerSecond);
    }

    /** A 302 or HTTP 429: halve the rate (starting from what was really achieved when there was no limit yet). */
    public synchronized void slowDown() {
        double current = allowedPerSecond();
        if (Double.isInfinite(current)) {
            current = Math.max(previousBucketCount, bucketCount);
        }
        adaptivePerSecond = Math.max(FLOOR_PER_SECOND, current / 2);
        long now = System.nanoTime();
        if (now - lastSlowDownLog > 5 * NANOS) {
            lastSlowDownLog = now;
            LOG.warn("The API asked us to slow down (rate limit): now at most {} requests/s, rising again while calls succeed",
                    String.format("%.1f", adaptivePerSecond));
        }
    }

    /** A call went through: grow the rate by about one request/s per second of success. */
    public synchronized void succeeded() {
        if (Double.isInfinite(adaptivePerSecond)) {
            return;
        }
        adaptivePerSecond += 1.0 / adaptivePerSecond;
        if (adaptivePerSecond >= capPerSecond || adaptivePerSecond > 10_000) {
            adaptivePerSecond = Double.POSITIVE_INFINITY;
        }
    }
}
