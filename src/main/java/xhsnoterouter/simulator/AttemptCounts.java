package xhsnoterouter.simulator;

/**
 * Requests per note ID, for the seeded fault draws. A 24-hex-digit ID is kept as a long and an int with an int
 * count (16 bytes a slot) rather than a String and an AtomicInteger (~100 bytes): a benchmark of a million
 * notes must measure the app, not the simulator's bookkeeping.
 */
final class AttemptCounts {

    private long[] high = new long[1024];
    private int[] low = new int[1024];
    private int[] count = new int[1024];
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
        high = new long[oldCount.length * 2];
        low = new int[oldCount.length * 2];
        count = new int[oldCount.length * 2];
        for (int i = 0; i < oldCount.length; i++) {
            if (oldCount[i] != 0) {
                int slot = find(oldHigh[i], oldLow[i]);
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                count[slot] = oldCount[i];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
