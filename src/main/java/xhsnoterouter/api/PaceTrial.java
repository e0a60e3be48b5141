package xhsnoterouter.api;

import static xhsnoterouter.api.Pace.FLOOR_PER_SECOND;
import static xhsnoterouter.api.Pace.TRIAL_ANSWERS;
import static xhsnoterouter.api.Pace.TRIAL_LIMITED;
import static xhsnoterouter.api.Pace.TRIAL_NANOS;
import static xhsnoterouter.api.Pace.TRIAL_SETTLE_NANOS;

/** A trial of {@link Pace}: the answers to the calls started after a cut, and what they say. */
final class PaceTrial {

    /** The pace before the first cut, to go back to if the 302s are not ours. */
    final double from;
    /** The rate the 302s that led here came at. */
    final double limitedAt;
    final double to;
    final double shareBefore;
    final long at;
    /** What the API accepted before this trial, as the first cut estimated it, then as the trial before saw it. */
    final double acceptedBefore;
    /** Calls started when the trial begins to count (-1 while it settles). */
    long countsFrom = -1;
    int answered;
    int limited;

    PaceTrial(double from, double limitedAt, double to, double shareBefore, long at, double acceptedBefore) {
        this.from = from;
        this.limitedAt = limitedAt;
        this.to = to;
        this.shareBefore = shareBefore;
        this.at = at;
        this.acceptedBefore = acceptedBefore;
    }

    void add(boolean rateLimited) {
        answered++;
        if (rateLimited) {
            limited++;
        }
    }

    boolean decided(long now) {
        return answered >= TRIAL_ANSWERS || (limited >= TRIAL_LIMITED && limited * 2 > answered)
                || (now - at >= TRIAL_SETTLE_NANOS + TRIAL_NANOS && answered > 0);
    }

    /** At half the pace the 302s came at or less: a share that stays the same is not the pace's doing. */
    boolean decisive() {
        return to <= limitedAt / 2 * 1.001 || to <= FLOOR_PER_SECOND;
    }

    double limitedShare() {
        return answered == 0 ? 0 : (double) limited / answered;
    }

    /** Fewer 302s than before the cut by over two standard errors of the trial's count: not chance. */
    boolean clearlyFewerThanBefore() {
        return limitedShare() < shareBefore - 2 * Math.sqrt(shareBefore * (1 - shareBefore) / answered);
    }
}
