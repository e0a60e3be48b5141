package xhsnoterouter.support;

import java.util.List;
import java.util.stream.IntStream;

/** Made-up but well-formed note IDs for tests. */
public final class NoteIds {

    private NoteIds() {
    }

    /** The n-th test ID of a family: 24 lower-case hex characters, distinct for each (prefix, n). */
    public static String id(int prefix, int n) {
        return String.format("%08x%016x", prefix, n);
    }

    public static List<String> ids(int prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> id(prefix, n)).toList();
    }
}
