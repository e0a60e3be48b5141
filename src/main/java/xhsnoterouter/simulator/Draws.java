package xhsnoterouter.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Stable hashing for the simulator's choices. Deliberately not {@code Object.hashCode}: the values must be
 * the same on every JVM and every run so a seeded run can be repeated.
 */
final class Draws {

    private Draws() {
    }

    /** A uniform number in [0,1) for the {@code attempt}-th request of {@code noteId} under {@code seed}. */
    static double uniform(long seed, String noteId, int attempt) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        h = mix64(h ^ of(noteId));
        h = mix64(h + attempt * 0xBF58476D1CE4E5B9L);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A 64-bit hash of a string (FNV-1a over its UTF-8 bytes, then mixed). */
    static long of(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return mix64(h);
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as SplittableRandom uses. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
