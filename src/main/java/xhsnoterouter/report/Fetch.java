package xhsnoterouter.report;

import java.time.Instant;

/** A note's counts at one fetch: a line of {@code snapshots/<noteId>.jsonl}, or its newest record. */
record Fetch(Instant at, Counts counts) {
}
