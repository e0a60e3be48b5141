package xhsnoterouter.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/** Likes, collects, comments and shares of a note at one fetch; a count the API did not give is null. */
record Counts(Long likes, Long collects, Long comments, Long shares) {

    static final Counts NONE = new Counts(null, null, null, null);

    /** The sum of the counts known, 0 when none is. */
    long engagement() {
        return orZero(likes) + orZero(collects) + orZero(comments) + orZero(shares);
    }

    /** Growth since {@code older}; a count unknown at either fetch has no growth (null). */
    Counts minus(Counts older) {
        return new Counts(diff(likes, older.likes), diff(collects, older.collects),
                diff(comments, older.comments), diff(shares, older.shares));
    }

    Long get(Series series) {
        return switch (series) {
            case LIKES -> likes;
            case COLLECTS -> collects;
            case COMMENTS -> comments;
            case SHARES -> shares;
        };
    }

    /**
     * Collects the four count fields while a line is read field by field (records.jsonl and the snapshot files
     * name them alike).
     */
    static final class Reader {
        private Long likes;
        private Long collects;
        private Long comments;
        private Long shares;

        /** Reads the field's value if it is one of the counts; false leaves it to the caller. */
        boolean take(String field, JsonParser json) throws IOException {
            switch (field) {
                case "likes" -> likes = JsonFields.count(json);
                case "collects" -> collects = JsonFields.count(json);
                case "comments" -> comments = JsonFields.count(json);
                case "shares" -> shares = JsonFields.count(json);
                default -> {
                    return false;
                }
            }
            return true;
        }

        Counts counts() {
            return new Counts(likes, collects, comments, shares);
        }
    }

    static long orZero(Long count) {
        return count == null ? 0 : count;
    }

    private static Long diff(Long newer, Long older) {
        return newer == null || older == null ? null : newer - older;
    }
}
