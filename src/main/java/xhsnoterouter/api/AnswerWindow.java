package xhsnoterouter.api;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The API's answers of the last second, in ten slices of 100 ms: how many, and how many said "rate limit". */
final class AnswerWindow {

    private static final int SLICES = 10;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long[] sliceOf = new long[SLICES];
    private final int[] accepted = new int[SLICES];
    private final int[] limited = new int[SLICES];

    AnswerWindow() {
        Arrays.fill(sliceOf, Long.MIN_VALUE);
    }

    void add(boolean rateLimited, long now) {
        long slice = Math.floorDiv(now, SLICE_NANOS);
        int i = (int) Math.floorMod(slice, SLICES);
        if (sliceOf[i] != slice) {
            sliceOf[i] = slice;
            accepted[i] = 0;
            limited[i] = 0;
        }
        if (rateLimited) {
            limited[i]++;
        } else {
            accepted[i]++;
        }
    }

    /** Answers other than "rate limit" in the last second: the calls per second the API let through. */
    int accepted(long now) {
        return sum(accepted, now);
    }

    int limited(long now) {
        return sum(limited, now);
    }

    int answers(long now) {
        return sum(accepted, now) + sum(limited, now);
    }

    double limitedShare(long now) {
        int all = answers(now);
        return all == 0 ? 0 : (double) sum(limited, now) / all;
    }

    private int sum(int[] counts, long now) {
        long newest = Math.floorDiv(now, SLICE_NANOS);
        int total = 0;
        for (int i = 0; i < SLICES; i++) {
            if (sliceOf[i] > newest - SLICES && sliceOf[i] <= newest) {
                total += counts[i];
            }
        }
        return total;
    }
}
