package xhsnoterouter.report;

import java.time.Instant;
import java.util.List;

import xhsnoterouter.ingest.NoteId;

/** What the report shows of a note from its newest {@code records.jsonl} line. */
record LatestNote(NoteId id, String title, String author, List<String> tags, Counts counts, Instant fetchedAt) {

    Fetch asFetch() {
        return new Fetch(fetchedAt, counts);
    }
}
