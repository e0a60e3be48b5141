package xhsnoterouter.ingest;

/**
 * The note IDs one input file has named so far, to fetch a repeated ID once. A 24-hex-digit ID is 96 bits,
 * kept as a long and an int in open addressing: a million IDs cost about 25 MB, not the ~150 MB of a set of
 * strings. The set is split in 256 shards that grow one at a time, so growing never needs the old and the new
 * table of the whole set at once (that spike made a million IDs need a 64 MB heap instead of 48 MB).
 * The all-zero ID marks an empty slot, so it is remembered apart.
 */
final class SeenNoteIds {

    private static final int SHARDS = 256;

    private final Shard[] shards = new Shard[SHARDS];
    private int size;
    private boolean zeroSeen;

    SeenNoteIds() {
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard();
        }
    }

    /** @return true the first time this ID is added */
    boolean add(NoteId id) {
        String hex = id.value();
        long h = Long.parseUnsignedLong(hex, 0, 16, 16);
        int l = Integer.parseUnsignedInt(hex, 16, 24, 16);
        boolean first;
        if (h == 0 && l == 0) {
            first = !zeroSeen;
            zeroSeen = true;
        } else {
            long hash = mix(h * 31 + l);
            first = shards[(int) (hash >>> 56)].add(h, l, (int) hash);
        }
        if (first) {
            size++;
        }
        return first;
    }

    int size() {
        return size;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** One open-addressing table; the slot comes from the hash's low bits, the shard from its top byte. */
    private static final class Shard {

        private long[] high = new long[16];
        private int[] low = new int[16];
        private int size;

        boolean add(long h, int l, int hash) {
            if ((size + 1) * 4L > high.length * 3L) {
                grow();
            }
            return insert(h, l, hash);
        }

        private boolean insert(long h, int l, int hash) {
            int mask = high.length - 1;
            int slot = hash & mask;
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
            size = 0;
            for (int i = 0; i < oldHigh.length; i++) {
                if (oldHigh[i] != 0 || oldLow[i] != 0) {
                    insert(oldHigh[i], oldLow[i], (int) mix(oldHigh[i] * 31 + oldLow[i]));
                }
            }
        }
    }
}
