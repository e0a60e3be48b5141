package xhsnoterouter.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import xhsnoterouter.archive.AtomicFiles;

/**
 * The campaign report: {@code outbox/report/index.html}, one self-contained page built from what the outbox holds
 * ({@code records.jsonl}, {@code snapshots/}, {@code failed/}; each note's first
 * saved image from {@code media/} is linked, not copied). Memory stays bounded whatever the size of the
 * outbox: only the {@value #MAX_NOTES} notes fetched most recently are shown. Keep one instance: it remembers how
 * far it has read {@code records.jsonl}, so a rebuild reads only the lines added since the one before.
 */
public final class CampaignReport {

    static final int MAX_NOTES = 2_000;
    static final int MAX_FAILURES = 500;
    static final int MAX_GROWERS = 10;
    static final int MAX_TAGS = 50;
    /** Per chart; a longer history is thinned out evenly. */
    static final int MAX_POINTS = 120;

    private final Path outboxDir;
    private final Clock clock;
    private final RecordsFile records;

    public CampaignReport(Path outboxDir, Clock clock) {
        this.outboxDir = outboxDir;
        this.clock = clock;
        this.records = new RecordsFile(outboxDir.resolve("records.jsonl"), MAX_NOTES);
    }

    /** Rebuilds {@code outbox/report/index.html} (atomically: readers see the old page or the new one) and returns its path. */
    public synchronized Path rebuild() throws IOException {
        RecordsFile.Notes notes = records.read();
        FailedFiles.Failures failures = FailedFiles.read(outboxDir.resolve("failed"), MAX_FAILURES);
        Path snapshotsDir = outboxDir.resolve("snapshots");
        Path mediaDir = outboxDir.resolve("media");

        ReportPage.Sections sections = new ReportPage.Sections();
        List<Growth> growths = new ArrayList<>();
        for (LatestNote note : notes.newestFirst()) {
            SnapshotFile.History history = SnapshotFile.read(snapshotsDir.resolve(note.id().value() + ".jsonl"), MAX_POINTS);
            if (history.previous() != null) {
                growths.add(new Growth(note, history.previous(), history.last()));
            }
            sections.add(NoteSection.html(note, history, Thumbnail.html(mediaDir, note)));
        }

        int shown = notes.newestFirst().size();
        // Past the limit, notes/ (one file per note ever fetched) gives the exact count without holding every ID.
        long total = notes.moreThanShown() ? Math.max(shown, countNoteFiles(outboxDir.resolve("notes"))) : shown;
        ReportPage.Content content = new ReportPage.Content(clock.instant(), notes, total, total > shown || !notes.moreThanShown(),
                failures, Growth.top(growths, MAX_GROWERS), growths.size(), TagTotals.of(notes.newestFirst(), MAX_TAGS), sections);

        Path page = outboxDir.resolve("report").resolve("index.html");
        AtomicFiles.write(page, ReportPage.utf8(content));
        return page;
    }

    private static long countNoteFiles(Path notesDir) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(notesDir, f -> {
            String name = f.getFileName().toString();
            return name.endsWith(".json") && !name.startsWith(".");
        })) {
            for (Path ignored : files) {
                count++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return count;
    }
}
