package xhsnoterouter.api;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits API calls: never more than {@code concurrency} in flight, never faster than the allowed rate.
 * The allowed rate is the configured cap until the API answers "rate limit" (code 302, HTTP 429); then it adapts,
 * so one 302 slows the whole pipeline, not only its note:
 * <ul>
 * <li>a rate-limit answer halves the rate really sent (the last second's starts, at most the allowed rate), once per
 * round trip: the answers to calls started before that halving tell nothing new, so they do not halve it again;</li>
 * <li>while calls succeed the rate grows back: quickly up to {@value #REGAIN_SHARE} of the rate that drew the 302s,
 * then additively, by {@value #PROBE_PER_SECOND} request/s per second of success, so it stays just under the
 * limit most of the time and finds a raised limit by itself. (Halving and additive growth alone would average 3/4
 * of the limit.)</li>
 * </ul>
 * Never above {@code justoneapi.max-requests-per-second} when set.
 */
public final class RateGate {

    private static final Logger LOG = LoggerFactory.getLogger(RateGate.class);
    private static final double FLOOR_PER_SECOND = 0.2;
    static final double REGAIN_SHARE = 0.85;
    static final double PROBE_PER_SECOND = 0.5;
    private static final long NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RECENT_STARTS = 1024;
    private static final long LATE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Semaphore slots;
    private final double capPerSecond;
    private final LongSupplier nanoTime;
    private double adaptivePerSecond = Double.POSITIVE_INFINITY;
    /** The rate really sent when rate-limit answers came (averaged): about where the API's limit is. */
    private double limitSeenPerSecond = Double.POSITIVE_INFINITY;
    private long lastStartNanos;
    private final long[] recentStarts = new long[RECENT_STARTS];
    private long started;
    private long finished;
    /** Calls sent (their turn come) when the rate was last halved: their answers are already acted on. */
    private long sentAtLastSlowDown = -1;
    private long lastSlowDownLog;

    /** @param capPerSecond 0 for no cap */
    public RateGate(int concurrency, double capPerSecond) {
        this(concurrency, capPerSecond, System::nanoTime);
    }

    RateGate(int concurrency, double capPerSecond, LongSupplier nanoTime) {
        this.slots = new Semaphore(concurrency, true);
        this.capPerSecond = capPerSecond > 0 ? capPerSecond : Double.POSITIVE_INFINITY;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lastStartNanos = now - 3600 * NANOS;
        this.lastSlowDownLog = now - 10 * NANOS;
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

    /** The call whose {@link #acquire} returned has been answered (or failed); before its answer is reported. */
    public void release() {
        synchronized (this) {
            finished++;
        }
        slots.release();
    }

    /**
     * Each waiting call works its turn out again from the rate of the moment, so a halving applies to the calls
     * already waiting too, not only to those that come after them.
     */
    private synchronized void waitForTurn() throws InterruptedException {
        while (true) {
            long now = nanoTime.getAsLong();
            double rate = allowedPerSecond();
            long turn = Double.isInfinite(rate) ? now : lastStartNanos + (long) (NANOS / rate);
            if (turn <= now) {
                // a call woken a little late keeps the pace; after an idle spell there is no burst to catch up
                lastStartNanos = Math.max(turn, now - LATE_SLACK_NANOS);
                recentStarts[(int) (started % RECENT_STARTS)] = now;
                started++;
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, turn - now);
        }
    }

    public synchronized double allowedPerSecond() {
        return Math.min(capPerSecond, adaptivePerSecond);
    }

    /**
     * A 302 or HTTP 429 (reported after {@link #release}): halve the rate really sent, unless a halving happened
     * since the answered call started.
     */
    public synchronized void slowDown() {
        long now = nanoTime.getAsLong();
        if (finished <= sentAtLastSlowDown) {
            return;
        }
        double sent = sentInLastSecond(now);
        double current = allowedPerSecond();
        boolean paced = !Double.isInfinite(current);
        if (!paced || sent > 1) {
            current = Math.min(current, Math.max(1, sent));
        }
        adaptivePerSecond = Math.max(FLOOR_PER_SECOND, current / 2);
        if (!paced) {
            // the unpaced start: all of the concurrency at once says little about a per-second limit, so no quick
            // regain towards it, only the additive increase
            limitSeenPerSecond = adaptivePerSecond;
        } else if (Double.isInfinite(limitSeenPerSecond)) {
            limitSeenPerSecond = current;
        } else {
            // averaged with the earlier estimate: one halving measured in a lull does not lose a limit seen before
            limitSeenPerSecond = (limitSeenPerSecond + current) / 2;
        }
        sentAtLastSlowDown = started;
        if (now - lastSlowDownLog > 5 * NANOS) {
            lastSlowDownLog = now;
            LOG.warn("The API asked us to slow down (rate limit at about {} requests/s): now at most {} requests/s,"
                            + " rising again while calls succeed", String.format("%.1f", current),
                    String.format("%.1f", adaptivePerSecond));
        }
    }

    /** A call went through: grow the rate back (see the class comment). */
    public synchronized void succeeded() {
        if (Double.isInfinite(adaptivePerSecond)) {
            return;
        }
        double regainUpTo = REGAIN_SHARE * limitSeenPerSecond;
        if (adaptivePerSecond < regainUpTo) {
            // +1 per success: the rate grows by itself each second (about 2.7x a second), up to regainUpTo
            adaptivePerSecond = Math.min(regainUpTo, adaptivePerSecond + 1);
        } else {
            // one success per 1/rate seconds: +PROBE_PER_SECOND each second
            adaptivePerSecond += PROBE_PER_SECOND / adaptivePerSecond;
        }
        if (adaptivePerSecond >= capPerSecond || adaptivePerSecond > 10_000) {
            adaptivePerSecond = Double.POSITIVE_INFINITY;
        }
        notifyAll(); // calls waiting for their turn: it may have come sooner
    }

    private int sentInLastSecond(long now) {
        int count = 0;
        for (long i = started - 1; i >= 0 && i >= started - RECENT_STARTS; i--) {
            if (recentStarts[(int) (i % RECENT_STARTS)] <= now - NANOS) {
                break;
            }
            count++;
        }
        return count;
    }
}
