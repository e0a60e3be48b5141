package xhsnoterouter.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per tag: how many of the notes carry it and the sum of their latest counts. */
final class TagTotals {

    static final class TagTotal {
        final String tag;
        int notes;
        long likes;
        long collects;
        long comments;
        long shares;

        TagTotal(String tag) {
            this.tag = tag;
        }

        long get(Series series) {
            return switch (series) {
                case LIKES -> likes;
                case COLLECTS -> collects;
                case COMMENTS -> comments;
                case SHARES -> shares;
            };
        }
    }

    /**
     * @param top      the tags with the most likes, at most the limit asked for
     * @param tagCount how many different tags the notes have
     */
    record Result(List<TagTotal> top, int tagCount) {
    }

    private static final Comparator<TagTotal> MOST_LIKED = Comparator.<TagTotal>comparingLong(t -> t.likes).reversed()
            .thenComparing(Comparator.<TagTotal>comparingInt(t -> t.notes).reversed())
            .thenComparing(t -> t.tag);

    private TagTotals() {
    }

    static Result of(List<LatestNote> notes, int limit) {
        Map<String, TagTotal> byTag = new HashMap<>();
        for (LatestNote note : notes) {
            for (String tag : note.tags()) {
                TagTotal total = byTag.computeIfAbsent(tag, TagTotal::new);
                total.notes++;
                total.likes += Counts.orZero(note.counts().likes());
                total.collects += Counts.orZero(note.counts().collects());
                total.comments += Counts.orZero(note.counts().comments());
                total.shares += Counts.orZero(note.counts().shares());
            }
        }
        List<TagTotal> top = byTag.values().stream().sorted(MOST_LIKED).limit(limit).toList();
        return new Result(top, byTag.size());
    }
}
