package xhsnoterouter.archive;

/** One line of {@code snapshots/<noteId>.jsonl}: the engagement of a note at one fetch. */
public record Snapshot(String fetchedAt, Long likes, Long collects, Long comments, Long shares) {

    static Snapshot of(NoteRecord record) {
        return new Snapshot(record.fetchedAt(), record.likes(), record.collects(), record.comments(), record.shares());
    }
}
