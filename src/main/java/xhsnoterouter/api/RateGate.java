package xhsnoterouter.api;

import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admits API calls: never more than {@code concurrency} in flight, never faster than the {@link Pace} allows (the
 * configured cap, {@code justoneapi.max-requests-per-second}, or less while the API limits us), so one "rate limit"
 * answer can slow the whole pipeline, not only its note. A JDK semaphore and a monitor wait rather than Camel's
 * {@code throttle}: that EIP admits a number of requests per fixed period, while this pace moves with every answer
 * and re-spaces the calls already waiting when it does.
 */
public final class RateGate {

    private final Semaphore slots;
    private final LongSupplier nanoTime;
    private final Pace pace;

    /** @param capPerSecond 0 for no cap */
    public RateGate(int concurrency, double capPerSecond) {
        this(concurrency, capPerSecond, System::nanoTime);
    }

    RateGate(int concurrency, double capPerSecond, LongSupplier nanoTime) {
        this.slots = new Semaphore(concurrency, true);
        this.nanoTime = nanoTime;
        this.pace = new Pace(capPerSecond, nanoTime.getAsLong());
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
        slots.release();
    }

    /**
     * Each waiting call works its turn out again from the pace of the moment, so a cut applies to the calls already
     * waiting too, not only to those that come after them.
     */
    private synchronized void waitForTurn() throws InterruptedException {
        while (true) {
            long now = nanoTime.getAsLong();
            long turn = pace.turn(now);
            if (turn <= now) {
                pace.started(now);
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, turn - now);
        }
    }

    public synchronized double allowedPerSecond() {
        return pace.perSecond(nanoTime.getAsLong());
    }

    /** The pace the API's limit holds us to, when it is under the cap; empty at full pace. */
    public synchronized OptionalDouble limitedPace() {
        long now = nanoTime.getAsLong();
        return pace.limiting(now) ? OptionalDouble.of(pace.perSecond(now)) : OptionalDouble.empty();
    }

    /** A 302 or HTTP 429 (reported after {@link #release}). */
    public synchronized void rateLimited() {
        pace.answered(true, nanoTime.getAsLong());
        notifyAll();
    }

    /** Any other outcome of a call, failures included: the pace was acceptable to the API. */
    public synchronized void accepted() {
        pace.answered(false, nanoTime.getAsLong());
        notifyAll(); // calls waiting for their turn: it may have come sooner
    }
}
