package xhsnoterouter.archive;

import xhsnoterouter.ingest.Source;

/** One note that did not end fetched: {@code failed/<key>.json} (SPEC §7). */
public record FailureRecord(
        String input,
        String noteId,
        Source source,
        String reason,
        Integer code,
        Integer httpStatus,
        String message,
        int attempts,
        String firstAttemptAt,
        String lastAttemptAt) {
}
