package xhsnoterouter.api;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many API calls may start per second: the rule behind {@link RateGate}, on a clock it is given.
 *
 * <p>No pace at first (only the configured cap). A "rate limit" answer (code 302, HTTP 429) is a claim that our pace
 * caused it, and the pace is cut only when the claim holds, because the real API also answers 302 now and then
 * whatever the pace. The anchors, and why neither is used alone:
 * <ul>
 * <li>TCP's AIMD halves on every loss once per round trip. Under losses that come at random it settles at about
 * 1.2/&radic;p calls per round trip (Mathis et al.): with 10 % of answers 302 at random, 4 calls in flight of 8,
 * and a pace measured while notes wait for their back-off spirals down (what issue 15 saw).</li>
 * <li>Google SRE's client-side throttling, {@code (requests - K*accepts)/(requests + 1)}, reads only the share of
 * refusals: it ignores a flaky share below (K-1)/K, but by the same token lets a real limit be overshot by that
 * share for good.</li>
 * </ul>
 * So the share decides when to look, and an experiment decides what a 302 means:
 * <ol>
 * <li><b>Suspect</b>: while no limit is known, a 302 when more than {@value #SUSPECT_SHARE} of the last second's
 * answers (at least {@value #SUSPECT_ANSWERS}) were 302, or {@value #RECENT_LIMITED} of the last
 * {@value #RECENT_ANSWERS} (a limit's bucket run dry answers a run of them); once a limit is known, a second 302 within a second, if they
 * are over twice the known background share. Every other answer, failures included, is evidence that the pace was
 * acceptable.</li>
 * <li><b>Cut and try</b>: the pace goes to {@value #CUT_SHARE} of what the API accepted: in the last second, and no
 * more than our pace a second ago nor the mean since the pace last began to grow, since a token bucket's store lets
 * a single second overstate it. The answers to the calls started after the cut (and a settling moment) are the
 * trial.</li>
 * <li><b>Verdict</b>: no more 302 than the background among {@value #TRIAL_ANSWERS} answers: the pace was the cause,
 * a real limit; the pace goes back up to what the API accepted within {@value #RECOVER_SECONDS} s, then probes above
 * it, {@value #FIRST_STEP} of it in the first second and twice the step each second after, so a raised limit is found
 * within seconds and the next 302s start the next trial. Most answers still 302: still too fast, cut again. Some 302s
 * after a small cut: a second trial at half the rate the 302s came at decides. Clearly fewer there, but some: the
 * pace matters, cut again. About as many: the API is flaky, not limiting; back to the pace before the cut, and that
 * share is the background (halving every five minutes) that later 302s must exceed twice over to be suspected again.</li>
 * </ol>
 * The pace never goes under {@value #FLOOR_PER_SECOND} call/s, so a job keeps moving, unless the API still answers
 * mostly 302 at that floor; then down to {@value #LAST_RESORT_PER_SECOND}/s. Not thread-safe: {@link RateGate}
 * holds its lock around every call.
 */
final class Pace {

    private static final Logger LOG = LoggerFactory.getLogger(RateGate.class);

    static final double FLOOR_PER_SECOND = 1;
    static final double LAST_RESORT_PER_SECOND = 0.1;
    static final double SUSPECT_SHARE = 0.25;
    static final int SUSPECT_ANSWERS = 20;
    /** Or this many 302s among the last {@value #RECENT_ANSWERS} answers. */
    static final int RECENT_LIMITED = 7;
    static final int RECENT_ANSWERS = 10;
    private static final long RECENT_MASK = (1L << RECENT_ANSWERS) - 1;
    static final double CUT_SHARE = 0.85;
    static final int TRIAL_ANSWERS = 32;
    /** A trial at a low pace ends after this long with what it has. */
    static final long TRIAL_NANOS = TimeUnit.SECONDS.toNanos(3);
    /**
     * A trial counts the answers to calls started this long after its cut: calls sent at the old pace may still reach
     * the API in the first round trip and empty its bucket.
     */
    static final long TRIAL_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Enough 302s, when they are most of a trial's answers, to judge it before its end. */
    static final int TRIAL_LIMITED = 6;
    static final double FIRST_STEP = 0.1;
    static final double RECOVER_SECONDS = 1;
    static final long BACKGROUND_HALF_LIFE_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final double UNPACED_ABOVE = 10_000;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long LATE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final double capPerSecond;
    private final AnswerWindow lastSecond = new AnswerWindow();
    /** The pace grows from {@code grownFrom} since {@code growingSince}; infinite = no pace. */
    private double grownFrom = Double.POSITIVE_INFINITY;
    private long growingSince;
    /** What the API accepted when it last limited us (NaN when unknown): the pace comes back to it, then probes. */
    private double limitSeen = Double.NaN;
    private PaceTrial trial;
    private double background;
    private long backgroundSince;
    /** After a trial found the 302s flaky, the last second still holds the trial's slow pace: no suspicion from it. */
    private long quietUntil;
    private long lastStart;
    private long starts;
    private long answers;
    private long acceptedAnswers;
    /** The last answers, newest in the lowest bit: 1 for a 302. */
    private long recent;
    /** Answers accepted when the pace last began to grow. */
    private long acceptedAtGrowth;
    /** Calls started when the pace last changed by a verdict or a cut: answers to them tell nothing new. */
    private long startsAtLastChange;

    /** @param capPerSecond 0 for no cap */
    Pace(double capPerSecond, long now) {
        this.capPerSecond = capPerSecond > 0 ? capPerSecond : Double.POSITIVE_INFINITY;
        this.lastStart = now - 3600 * SECOND;
    }

    /** Calls per second allowed now: the cap, or less while the API limits us. */
    double perSecond(long now) {
        return Math.min(capPerSecond, adaptive(now));
    }

    /** Whether the API's own limit holds the pace under the cap now (what the progress line shows). */
    boolean limiting(long now) {
        return adaptive(now) < capPerSecond;
    }

    /** When the next call may start (now or later). */
    long turn(long now) {
        double rate = perSecond(now);
        return Double.isInfinite(rate) ? now : lastStart + (long) (SECOND / rate);
    }

    /** A call starts now; its turn has come. */
    void started(long now) {
        // a call woken a little late keeps the pace; after an idle spell there is no burst to catch up
        lastStart = Math.max(turn(now), now - LATE_SLACK_NANOS);
        starts++;
    }

    /** An answer came: {@code rateLimited} for code 302 or HTTP 429, false for any other outcome of a call. */
    void answered(boolean rateLimited, long now) {
        answers++;
        if (!rateLimited) {
            acceptedAnswers++;
        }
        lastSecond.add(rateLimited, now);
        recent = recent << 1 | (rateLimited ? 1 : 0);
        if (trial != null) {
            if (trial.countsFrom < 0 && now - trial.at >= TRIAL_SETTLE_NANOS) {
                trial.countsFrom = starts;
            }
            if (trial.countsFrom >= 0 && answers > trial.countsFrom) {
                trial.add(rateLimited);
                if (trial.decided(now)) {
                    conclude(now);
                }
            }
            return;
        }
        if (rateLimited && answers > startsAtLastChange && suspect(now)) {
            cut(now, lastSecond.limitedShare(now));
        }
    }

    private boolean suspect(long now) {
        if (now < quietUntil) {
            return false;
        }
        // two 302s in a second at the least, and twice as many as the background would give
        int answered = lastSecond.answers(now);
        int limited = lastSecond.limited(now);
        if (limited < 2 * background(now) * answered + 2) {
            return false;
        }
        double share = (double) limited / answered;
        boolean paced = !Double.isInfinite(grownFrom);
        // a bucket that has run dry answers a run of 302s, long before they are a quarter of a busy second
        return paced || (share > SUSPECT_SHARE && answered >= SUSPECT_ANSWERS)
                || Long.bitCount(recent & RECENT_MASK) >= RECENT_LIMITED;
    }

    /** A first cut: to {@value #CUT_SHARE} of what the API accepted in the last second. */
    private void cut(long now, double shareBefore) {
        double from = adaptive(now);
        double accepted = lastSecond.accepted(now);
        // the rate the 302s came at: the answers of the last second (a pace may allow more than is sent)
        double limitedAt = Math.min(from, lastSecond.answers(now));
        // a last second may hold a burst the API let through (a token bucket's store): no higher than our pace a
        // second ago, which drew no 302 for a second, nor than what it accepted since the pace began to grow
        double estimate = Math.min(accepted, grownAt(now - SECOND));
        double growing = (double) (now - growingSince) / SECOND;
        if (Double.isInfinite(from)) {
            // no pace yet, nothing to compare with: a bucket's store is refused in proportion to what it let through
            estimate *= 1 - shareBefore;
        } else if (growing >= 1) {
            estimate = Math.min(estimate, (acceptedAnswers - acceptedAtGrowth) / growing);
        }
        double to = floored(from, Math.min(from, CUT_SHARE * estimate));
        LOG.warn("The API answered 'rate limit' to {} of the last second's calls and accepted {}: trying {} requests/s"
                + " to see whether our pace is the cause", percent(shareBefore), format(accepted), format(to));
        startTrial(new PaceTrial(from, limitedAt, to, shareBefore, now, estimate));
    }

    private void startTrial(PaceTrial next) {
        trial = next;
        limitSeen = Double.NaN;
        growFrom(next.to, next.at);
    }

    private void growFrom(double pace, long now) {
        grownFrom = pace;
        growingSince = now;
        acceptedAtGrowth = acceptedAnswers;
        startsAtLastChange = starts;
    }

    /** Under the floor only when the pace is at the floor already and still too fast. */
    private static double floored(double from, double to) {
        return Math.max(from <= FLOOR_PER_SECOND ? LAST_RESORT_PER_SECOND : FLOOR_PER_SECOND, to);
    }

    private void conclude(long now) {
        PaceTrial ended = trial;
        trial = null;
        double share = ended.limitedShare();
        // what the API let through at the trial's pace: an estimate of its limit that no burst allowance inflates
        double accepted = ended.to * (1 - share);
        if (ended.limited <= background(now) * ended.answered) {
            // back up to what the API accepted before the cut within a few seconds, then probe above it slowly
            limitSeen = Math.max(ended.to, ended.acceptedBefore);
            growFrom(ended.to, now);
            LOG.info("The API limits the rate to about {} requests/s: at {} it stopped answering 'rate limit'; going on"
                    + " from there, rising slowly while it accepts", format(limitSeen), format(ended.to));
        } else if (share > 0.5 || (ended.decisive() && ended.clearlyFewerThanBefore())) {
            // the pace matters but is still too fast: to what the API accepted of the trial's own pace
            startTrial(new PaceTrial(ended.from, ended.to, floored(ended.to, CUT_SHARE * accepted), share, now,
                    accepted));
        } else if (!ended.decisive()) {
            // a small cut says little either way: half the rate the 302s came at tells
            startTrial(new PaceTrial(ended.from, ended.limitedAt, floored(ended.to, ended.limitedAt / 2), share, now,
                    accepted));
        } else {
            background = Math.max(share, ended.shareBefore);
            backgroundSince = now;
            quietUntil = now + SECOND;
            growFrom(ended.from, now);
            LOG.warn("The API answers 'rate limit' to about {} of calls whatever the pace (also {} at {} requests/s): it"
                    + " is flaky, not limiting; back to {}, and those notes are retried", percent(ended.shareBefore),
                    percent(share), format(ended.to),
                    Double.isInfinite(ended.from) ? "full speed" : format(ended.from) + " requests/s");
        }
    }

    private double adaptive(long now) {
        if (Double.isInfinite(grownFrom) || trial != null) {
            return grownFrom;
        }
        double grown = grownAt(now);
        if (grown >= capPerSecond || grown > UNPACED_ABOVE) {
            grownFrom = Double.POSITIVE_INFINITY;
            return grownFrom;
        }
        // a pace that is not used proves nothing: no more than twice the last second's answers (nor under the base)
        double base = Double.isNaN(limitSeen) ? grownFrom : Math.max(grownFrom, limitSeen);
        return Math.max(base, Math.min(grown, 2.0 * lastSecond.answers(now)));
    }

    /** The pace at {@code time} on the present growth curve (its start value before it began). */
    private double grownAt(long time) {
        if (Double.isInfinite(grownFrom) || trial != null || time <= growingSince) {
            return grownFrom;
        }
        double seconds = (double) (time - growingSince) / SECOND;
        if (Double.isNaN(limitSeen) || limitSeen <= grownFrom) {
            return probe(Double.isNaN(limitSeen) ? grownFrom : limitSeen, seconds);
        }
        if (seconds < RECOVER_SECONDS) {
            return grownFrom + (limitSeen - grownFrom) * seconds / RECOVER_SECONDS;
        }
        return probe(limitSeen, seconds - RECOVER_SECONDS);
    }

    /** {@value #FIRST_STEP} above {@code base} in the first second, twice the step each second after. */
    private static double probe(double base, double seconds) {
        return base * (1 + FIRST_STEP * (Math.pow(2, Math.min(seconds, 30)) - 1));
    }

    private double background(long now) {
        return background * Math.pow(0.5, (double) (now - backgroundSince) / BACKGROUND_HALF_LIFE_NANOS);
    }

    private static String format(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
