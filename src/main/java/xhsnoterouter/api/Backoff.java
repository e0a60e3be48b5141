package xhsnoterouter.api;

import java.util.function.DoubleSupplier;

/** Exponential back-off with jitter: the first delay, doubling per attempt, capped, spread by ±25 %. */
public record Backoff(long initialDelayMs, long maxDelayMs) {

    /**
     * @param attemptsSoFar how many attempts the note has had (1 after the first)
     * @param random        a uniform number in [0,1)
     */
    public long delayMs(int attemptsSoFar, DoubleSupplier random) {
        double base = initialDelayMs * Math.pow(2, Math.max(0, attemptsSoFar - 1));
        double jittered = Math.min(base, maxDelayMs) * (0.75 + 0.5 * random.getAsDouble());
        return Math.min(maxDelayMs, Math.round(jittered));
    }
}
