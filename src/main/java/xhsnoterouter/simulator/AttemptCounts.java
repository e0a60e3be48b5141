package xhsnoterouter.simulator;

/**
 * Per note ID: the requests received (for the seeded fault draws) and the successful answers given (engagement
 * grows with them). A 24-hex-digit ID is kept as a long and an int with two int counts (20 bytes a slot) rather
 * than a String and two AtomicIntegers (~130 bytes): a benchmark of a million notes must measure the app, not the
 * simulator's bookkeeping.
 */
final class AttemptCounts {

    private long[] high = new long[1024];
    private int[] low = new int[1024];
    private int[] count = new int[1024];
    private int[] answers = new int[1024];
    private int size;

    /** The 1-based number of this request among those for the ID. */
    synchronized int next(String noteId) {
        long h = Long.parseUnsignedLong(noteId, 0, 16, 16);
        int l = Integer.parseUnsignedInt(noteId, 16, 24, 16);
        if ((size + 1) * 4L > count.length * 3L) {
            grow();
        }
        int slot = find(h, l);
        if (count[slot] == 0) {
            high[slot] = h;
            low[slot] = l;
            size++;
        }
        return ++count[slot];
    }

    /**
     * How many successful answers were given for the ID before this one, which is counted now. Asked after
     * {@link #next} for the same ID; an ID never requested has had none.
     */
    synchronized int nextAnswer(String noteId) {
        int slot = find(Long.parseUnsignedLong(noteId, 0, 16, 16), Integer.parseUnsignedInt(noteId, 16, 24, 16));
        return count[slot] == 0 ? 0 : answers[slot]++;
    }

    /** Successful answers given so far for the ID (not counting one). */
    synchronized int answers(String noteId) {
        int slot = find(Long.parseUnsignedLong(noteId, 0, 16, 16), Integer.parseUnsignedInt(noteId, 16, 24, 16));
        return count[slot] == 0 ? 0 : answers[slot];
    }

    synchronized int get(String noteId) {
        if (noteId.length() != 24) {
            return 0;
        }
        return count[find(Long.parseUnsignedLong(noteId, 0, 16, 16), Integer.parseUnsignedInt(noteId, 16, 24, 16))];
    }

    private int find(long h, int l) {
        int mask = count.length - 1;
        int slot = (int) mix(h * 31 + l) & mask;
        while (count[slot] != 0 && (high[slot] != h || low[slot] != l)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHigh = high;
        int[] oldLow = low;
        int[] oldCount = count;
        int[] oldAnswers = answers;
        high = new long[oldCount.length * 2];
        low = new int[oldCount.length * 2];
        count = new int[oldCount.length * 2];
        answers = new int[oldCount.length * 2];
        for (int i = 0; i < oldCount.length; i++) {
            if (oldCount[i] != 0) {
                int slot = find(oldHigh[i], oldLow[i]);
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                count[slot] = oldCount[i];
                answers[slot] = oldAnswers[i];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
