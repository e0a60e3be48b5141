package xhsnoterouter.ingest;

/**
 * The note IDs one input file has named so far, to fetch a repeated ID once. Stores each 96-bit ID as two
 * primitives in open addressing: a million IDs cost about 32 MB, not the ~150 MB of a set of strings.
 */
final class SeenNoteIds {

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** @return true the first time this ID is added */
    boolean add(NoteId id) {
        String hex = id.value();
        long h = Long.parseUnsignedLong(hex.substring(0, 16), 16);
        long l = Long.parseLong(hex.substring(16), 16);
        if ((size + 1) * 2L > used.length) {
            grow();
        }
        return insert(h, l);
    }

    int size() {
        return size;
    }

    private boolean insert(long h, long l) {
        int mask = used.length - 1;
        int slot = (int) mix(h * 31 + l) & mask;
        while (used[slot]) {
            if (high[slot] == h && low[slot] == l) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        high[slot] = h;
        low[slot] = l;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        high = new long[oldUsed.length * 2];
        low = new long[oldUsed.length * 2];
        used = new boolean[oldUsed.length * 2];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
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
