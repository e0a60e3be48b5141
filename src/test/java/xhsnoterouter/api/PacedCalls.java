package xhsnoterouter.api;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;

/**
 * A run of paced API calls on a movable clock: {@code concurrency} callers that always have a note to send, each
 * waiting for its turn from the {@link Pace}, against a model API with a token-bucket rate limit (one second's worth of
 * burst, as the built-in simulator has) and a share of 302 answers given at random whatever the pace. Deterministic
 * for a seed ({@code -DpaceSeed=N} in the test JVM tries another); seconds of API traffic run in milliseconds.
 */
final class PacedCalls {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * SECOND;

    private final int concurrency;
    private final long latencyNanos;
    /** Limit in requests/s at a second since the start; 0 = none. */
    private DoubleUnaryOperator limitAt = t -> 0;
    /** Share of answers 302 at random at a second since the start. */
    private DoubleUnaryOperator randomLimitedShare = t -> 0;
    private final Random random = new Random(Long.getLong("paceSeed", 42));
    final Pace pace;

    private double tokens = -1;
    private long refilledAt = T0;
    /** Per second of the run: answers, and answers that were 302. */
    final int[] answers = new int[3600];
    final int[] limited = new int[3600];
    final double[] lowestPace = new double[3600];

    PacedCalls(int concurrency, long latencyMillis) {
        this(concurrency, latencyMillis, 0);
    }

    /** @param capPerSecond the user's cap, 0 for none */
    PacedCalls(int concurrency, long latencyMillis, double capPerSecond) {
        this.pace = new Pace(capPerSecond, T0);
        this.concurrency = concurrency;
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        Arrays.fill(lowestPace, Double.POSITIVE_INFINITY);
    }

    PacedCalls limit(DoubleUnaryOperator perSecondAt) {
        this.limitAt = perSecondAt;
        return this;
    }

    PacedCalls flaky(double limitedShare) {
        return flaky(t -> limitedShare);
    }

    PacedCalls flaky(DoubleUnaryOperator limitedShareAt) {
        this.randomLimitedShare = limitedShareAt;
        return this;
    }

    private record Event(long at, boolean answer, boolean limited) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return Long.compare(at, o.at);
        }
    }

    private long end = T0;

    /** When the last run ended, on the clock the pace was given. */
    long end() {
        return end;
    }

    PacedCalls run(int seconds) {
        PriorityQueue<Event> events = new PriorityQueue<>();
        for (int i = 0; i < concurrency; i++) {
            events.add(new Event(T0, false, false));
        }
        end = T0 + seconds * SECOND;
        while (!events.isEmpty() && events.peek().at < end) {
            Event e = events.poll();
            int second = (int) ((e.at - T0) / SECOND);
            if (e.answer) {
                pace.answered(e.limited, e.at);
                answers[second]++;
                if (e.limited) {
                    limited[second]++;
                }
                events.add(new Event(e.at, false, false));
            } else {
                long turn = pace.turn(e.at);
                if (turn > e.at) {
                    // a waiting caller looks again at least every 10 ms, as RateGate's callers are woken by answers
                    events.add(new Event(Math.min(turn, e.at + SECOND / 100), false, false));
                } else {
                    pace.started(e.at);
                    events.add(new Event(e.at + latencyNanos, true, answer(e.at + latencyNanos / 2)));
                }
            }
            lowestPace[second] = Math.min(lowestPace[second], pace.perSecond(e.at));
        }
        return this;
    }

    /** Whether the API answers 302 to a call that reaches it now. */
    private boolean answer(long now) {
        double second = (double) (now - T0) / SECOND;
        double limit = limitAt.applyAsDouble(second);
        boolean overLimit = false;
        if (limit > 0) {
            if (tokens < 0) {
                tokens = limit;
            }
            tokens = Math.min(limit, tokens + (double) (now - refilledAt) / SECOND * limit);
            refilledAt = now;
            if (tokens < 1) {
                overLimit = true;
            } else {
                tokens -= 1;
            }
        }
        return overLimit || random.nextDouble() < randomLimitedShare.applyAsDouble(second);
    }

    /** Answers other than 302 per second, over seconds [from, to). */
    double acceptedPerSecond(int from, int to) {
        long sum = 0;
        for (int s = from; s < to; s++) {
            sum += answers[s] - limited[s];
        }
        return (double) sum / (to - from);
    }

    double limitedShare(int from, int to) {
        long all = 0;
        long refused = 0;
        for (int s = from; s < to; s++) {
            all += answers[s];
            refused += limited[s];
        }
        return all == 0 ? 0 : (double) refused / all;
    }

    double lowestPace(int from, int to) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int s = from; s < to; s++) {
            lowest = Math.min(lowest, lowestPace[s]);
        }
        return lowest;
    }

    String describe(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int s = from; s < to; s++) {
            out.append(String.format("%ds:%d/%d(%.1f) ", s, answers[s] - limited[s], answers[s], lowestPace[s]));
        }
        return out.toString();
    }
}
