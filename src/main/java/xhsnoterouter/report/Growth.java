package xhsnoterouter.report;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** How a note's counts changed between its last two snapshots. */
record Growth(LatestNote note, Fetch previous, Fetch last) {

    /** Most likes gained first, then most engagement gained; a note whose likes are unknown comes after. */
    static final Comparator<Growth> MOST_GROWN = Comparator
            .comparing((Growth g) -> g.delta().likes(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Comparator.comparingLong((Growth g) -> g.delta().engagement()).reversed())
            .thenComparing(g -> g.note().id().value());

    Counts delta() {
        return last.counts().minus(previous.counts());
    }

    Duration span() {
        return Duration.between(previous.at(), last.at());
    }

    static List<Growth> top(List<Growth> growths, int limit) {
        return growths.stream().sorted(MOST_GROWN).limit(limit).toList();
    }
}
