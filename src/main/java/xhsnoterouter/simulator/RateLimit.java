package xhsnoterouter.simulator;

import java.util.function.LongSupplier;

/**
 * {@code simulator.rate-limit-per-second}: a token bucket holding one second's worth of requests, refilled at the
 * rate. A burst of up to that many passes; above the rate, requests are answered code 302 (rate limit exceeded).
 * Only the requests let through take a token, so a client that keeps asking gets exactly the rate.
 */
final class RateLimit {

    private static final double NANOS = 1e9;

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    /** @param perSecond 0 for no limit */
    RateLimit(double perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    RateLimit(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    boolean isOn() {
        return perSecond > 0;
    }

    /** Whether this request is within the rate (always, with no limit). */
    synchronized boolean admit() {
        if (!isOn()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / NANOS * perSecond);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    String describe() {
        return isOn() ? String.format("%s/s", format(perSecond)) : "none";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
