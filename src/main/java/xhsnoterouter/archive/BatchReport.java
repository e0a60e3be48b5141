package xhsnoterouter.archive;

import java.util.LinkedHashMap;
import java.util.Map;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.Reason;
import xhsnoterouter.ingest.Batch;

/**
 * The per-file report, {@code reports/<file>-<time>.json} (SPEC §7). Every entry is counted in exactly one of
 * invalid, duplicates, alreadyFetched, fetched, notFound, failed and pending; byReason splits invalid, notFound
 * and failed by reason. notesPerSecond counts notes that got an answer from the API (fetched, notFound, failed).
 */
public record BatchReport(
        String file,
        String startedAt,
        String finishedAt,
        long entries,
        long invalid,
        long duplicates,
        long alreadyFetched,
        long fetched,
        long notFound,
        long failed,
        long pending,
        Map<String, Long> byReason,
        long apiCalls,
        double notesPerSecond,
        AccountStop accountStop,
        Batch.MediaCounts media) {

    /** Present when the API account stopped during this file: why its pending notes were not tried. */
    public record AccountStop(String reason, Integer code, String message, String resumeAt) {
    }

    public static BatchReport of(Batch batch, AccountGate.Stop stop) {
        Batch.Counts c = batch.counts();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Map.Entry<Reason, Long> e : c.byReason().entrySet()) {
            byReason.put(e.getKey().name(), e.getValue());
        }
        AccountStop accountStop = stop == null || c.pending() == 0 ? null
                : new AccountStop(stop.reason().name(), stop.code(), stop.message(), stop.resumeAt().toString());
        return new BatchReport(batch.name(), batch.startedAt().toString(),
                c.finishedAt() == null ? null : c.finishedAt().toString(),
                c.entries(), c.invalid(), c.duplicates(), c.alreadyFetched(), c.fetched(), c.notFound(), c.failed(),
                c.pending(), byReason, c.apiCalls(), Math.round(c.notesPerSecond() * 100) / 100.0, accountStop,
                batch.media());
    }

    /** The one-line form printed by {@code --once}. */
    public String summaryLine() {
        String line = String.format("%s: %d entries · %d fetched · %d not found · %d failed · %d invalid · %d duplicates · "
                        + "%d already fetched · %d pending · %d API calls · %.1f notes/s",
                file, entries, fetched, notFound, failed, invalid, duplicates, alreadyFetched, pending, apiCalls,
                notesPerSecond);
        return media == null ? line : line + String.format(" · media: %d saved (%s), %d failed, %d skipped%s",
                media.downloaded(), megabytes(media.bytes()), media.failed(), media.skipped(),
                media.pending() == 0 ? "" : ", " + media.pending() + " pending");
    }

    private static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0) : String.format("%.1f MB", bytes / 1048576.0);
    }
}
