package xhsnoterouter.ingest;

/**
 * The note IDs one input file has named so far, to fetch a repeated ID once. A 24-hex-digit ID is 96 bits,
 * stored as a long and an int in open addressing: a million IDs cost about 24 MB, not the ~150 MB of a set
 * of strings. The all-zero ID marks an empty slot, so it is remembered apart.
 */
final class SeenNoteIds {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] high = new long[INITIAL_CAPACITY];
    private int[] low = new int[INITIAL_CAPACITY];
    private int size;
    private boolean zeroSeen;

    /** @return true the first time this ID is added */
    boolean add(NoteId id) {
        String hex = id.value();
        long h = Long.parseUnsignedLong(hex, 0, 16, 16);
        int l = Integer.parseUnsignedInt(hex, 16, 24, 16);
        if (h == 0 && l == 0) {
            boolean first = !zeroSeen;
            zeroSeen = true;
            size += first ? 1 : 0;
            return first;
        }
        if ((size + 1) * 4L > high.length * 3L) {
            grow();
        }
        return insert(h, l);
    }

    int size() {
        return size;
    }

    private boolean insert(long h, int l) {
        int mask = high.length - 1;
        int slot = (int) mix(h * 31 + l) & mask;
        while (high[slot] != 0 || low[slot] != 0) {
            if (high[slot] == h && low[slot] == l) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        int[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new int[oldLow.length * 2];
        size = zeroSeen ? 1 : 0;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
