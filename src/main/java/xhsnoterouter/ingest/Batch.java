package xhsnoterouter.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import xhsnoterouter.api.Reason;
import xhsnoterouter.media.Manifest;

/**
 * The bookkeeping of one input file: what was read, what each note became, and whether all of it is done.
 * A batch completes when its file has been read to the end (sealed) and every note it sent off has settled.
 */
public final class Batch {

    private final String name;
    private final Path file;
    private final boolean resumed;
    private final boolean refetch;
    private final Instant startedAt;
    /** Null for a file: the archive says what was fetched before. */
    private final Predicate<NoteId> fetchedBefore;
    private final long startedNanos = System.nanoTime();
    private SeenNoteIds seen = new SeenNoteIds();
    private Set<String> seenLinks = new HashSet<>();
    private final Map<Reason, Long> byReason = new EnumMap<>(Reason.class);

    private long entries;
    private long invalid;
    private long duplicates;
    private long alreadyFetched;
    private long fetched;
    private long notFound;
    private long failed;
    private long pending;
    private long apiCalls;
    private long retrying;
    private long tracked;
    private long settled;
    private long linksUnresolved;
    private boolean sealed;
    private boolean unsaved;
    private long lastLine = -1;
    private int lastPart;
    private Instant finishedAt;
    private long finishedNanos;
    /** Media of its fetched notes (media.download): null until a note of it asked for any. */
    private MediaCounts media;
    private long mediaOpen;

    /** @param refetch fetch its notes even when already archived ({@code --refetch}, or a watchlist run) */
    public Batch(String name, Path file, boolean resumed, boolean refetch, Instant startedAt) {
        this(name, file, resumed, refetch, startedAt, null);
    }

    private Batch(String name, Path file, boolean resumed, boolean refetch, Instant startedAt,
                  Predicate<NoteId> fetchedBefore) {
        this.name = name;
        this.file = file;
        this.resumed = resumed;
        this.refetch = refetch;
        this.startedAt = startedAt;
        this.fetchedBefore = fetchedBefore;
    }

    /**
     * Entries from a source that delivers again whatever was not done (a Kafka topic): a note left undone is not
     * kept in state/pending, and {@code fetchedBefore} (knowledge shared by every instance) says which notes were
     * fetched already. {@code where} only names the batch among the active ones; no file is read or moved.
     */
    public static Batch replayable(String name, Path where, boolean refetch, Instant startedAt,
                                   Predicate<NoteId> fetchedBefore) {
        return new Batch(name, where, false, refetch, startedAt, fetchedBefore);
    }

    /** Whether undone notes come back from the source itself (not kept in state/pending). */
    public boolean replayable() {
        return fetchedBefore != null;
    }

    /** Fetched before, by the batch's own rule; {@code archived} answers for a file. */
    boolean fetchedBefore(NoteId id, Predicate<NoteId> archived) {
        return fetchedBefore != null ? fetchedBefore.test(id) : archived.test(id);
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public boolean resumed() {
        return resumed;
    }

    public boolean refetch() {
        return refetch;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** How many entries before this one started on the same line (only the reading thread calls this). */
    int partOnLine(long line) {
        if (line == lastLine) {
            return ++lastPart;
        }
        lastLine = line;
        lastPart = 0;
        return 0;
    }

    /** Whether the file names this ID for the first time (asked by the reading thread for each entry). */
    synchronized boolean firstSighting(NoteId id) {
        return seen.add(id);
    }

    /**
     * Whether the file names this short link for the first time: a repeated link leads to the same note, so it is
     * a duplicate without a call (asked by the reading thread).
     */
    synchronized boolean firstSightingOfShortLink(String shortLink) {
        return seenLinks.add(shortLink);
    }

    /** A short link was sent off to be resolved; the seen IDs are kept until it is. */
    synchronized void linkAdmitted() {
        linksUnresolved++;
    }

    /**
     * A short link of this file resolved to {@code id} (on a fetch worker): whether the file names the ID for the
     * first time, with the IDs named directly and those of the links resolved before, in whatever order.
     */
    synchronized boolean firstSightingOfResolved(NoteId id) {
        boolean first = seen.add(id);
        linkDone();
        return first;
    }

    private void linkDone() {
        linksUnresolved--;
        if (sealed && linksUnresolved == 0) {
            seen = null;
        }
    }

    public synchronized void entryRead() {
        entries++;
    }

    public synchronized void duplicate() {
        duplicates++;
    }

    public synchronized void alreadyFetched() {
        alreadyFetched++;
    }

    /** A note (or an invalid entry) was sent off and will settle later. */
    public synchronized void tracked() {
        tracked++;
    }

    public synchronized void apiCalled() {
        apiCalls++;
    }

    public synchronized void retryScheduled() {
        retrying++;
    }

    public synchronized void retryResumed() {
        retrying--;
    }

    /**
     * A note reached its outcome, or a resolved short link was only counted (its note named before or archived);
     * the task's next step and reason say which. Each entry sent off settles once, in exactly one count.
     */
    public synchronized void settle(NoteTask task) {
        if (task.isUnresolvedLink()) {
            linkDone();
        }
        switch (task.next()) {
            case DUPLICATE -> duplicates++;
            case ALREADY_FETCHED -> alreadyFetched++;
            case ARCHIVE -> fetched++;
            case KEEP_PENDING -> pending++;
            case RECORD_FAILURE -> {
                Reason reason = task.reason();
                if (reason == Reason.INVALID_INPUT) {
                    invalid++;
                } else if (reason == Reason.NOT_FOUND) {
                    notFound++;
                } else {
                    failed++;
                }
                byReason.merge(reason, 1L, Long::sum);
            }
            default -> throw new IllegalStateException("a note cannot settle at step " + task.next());
        }
        settled++;
        notifyAll();
    }

    /** A note of this file could be kept nowhere (outbox and state folder unwritable): keep the file itself. */
    public synchronized void unsaved() {
        unsaved = true;
    }

    public synchronized boolean hasUnsaved() {
        return unsaved;
    }

    /** The file has been read to the end: no more entries, so the seen-ID set can go once no link is left to resolve. */
    public synchronized void seal() {
        sealed = true;
        seenLinks = null;
        if (linksUnresolved == 0) {
            seen = null;
        }
        notifyAll();
    }

    public synchronized boolean isComplete() {
        return sealed && settled == tracked && mediaOpen == 0;
    }

    /** A fetched note's media: {@code open} files to wait for, {@code skipped} ones not to download. */
    public synchronized void mediaPlanned(int open, int skipped) {
        MediaCounts m = media == null ? MediaCounts.NONE : media;
        media = new MediaCounts(m.downloaded(), m.failed(), m.skipped() + skipped, m.pending(), m.bytes());
        mediaOpen += open;
    }

    /** One file settled; whether none of this batch's is open any more. */
    public synchronized boolean mediaSettled(Manifest.Status status, long bytes) {
        MediaCounts m = media;
        media = switch (status) {
            case DOWNLOADED -> new MediaCounts(m.downloaded() + 1, m.failed(), m.skipped(), m.pending(), m.bytes() + bytes);
            case FAILED -> new MediaCounts(m.downloaded(), m.failed() + 1, m.skipped(), m.pending(), m.bytes());
            case SKIPPED -> new MediaCounts(m.downloaded(), m.failed(), m.skipped() + 1, m.pending(), m.bytes());
            case PENDING -> new MediaCounts(m.downloaded(), m.failed(), m.skipped(), m.pending() + 1, m.bytes());
        };
        mediaOpen--;
        notifyAll();
        return mediaOpen == 0;
    }

    /** The app is stopping: the files still open stay pending in their manifests for the next start. */
    public synchronized void mediaLeftPending() {
        if (media != null && mediaOpen > 0) {
            media = new MediaCounts(media.downloaded(), media.failed(), media.skipped(), media.pending() + mediaOpen,
                    media.bytes());
            mediaOpen = 0;
            notifyAll();
        }
    }

    /** The media counts of the report, or null when no note of this batch asked for media. */
    public synchronized MediaCounts media() {
        return media;
    }

    /** The report's {@code media}: files saved, failed, not downloaded on purpose, left for the next start; bytes saved. */
    public record MediaCounts(long downloaded, long failed, long skipped, long pending, long bytes) {
        static final MediaCounts NONE = new MediaCounts(0, 0, 0, 0, 0);
    }

    /** Blocks until complete; returns false when the wait was cut short. */
    public synchronized boolean awaitCompletion(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!isComplete()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public synchronized void finished(Instant at) {
        finishedAt = at;
        finishedNanos = System.nanoTime();
    }

    public synchronized Counts counts() {
        long end = finishedAt == null ? System.nanoTime() : finishedNanos;
        double seconds = Math.max(1e-3, (end - startedNanos) / 1e9);
        return new Counts(entries, invalid, duplicates, alreadyFetched, fetched, notFound, failed, pending,
                new EnumMap<>(byReason), apiCalls, retrying, tracked - settled, sealed,
                (fetched + notFound + failed) / seconds, finishedAt);
    }

    /** A consistent copy of the counters. {@code open}: notes sent off and not yet settled. */
    public record Counts(long entries, long invalid, long duplicates, long alreadyFetched, long fetched, long notFound,
                         long failed, long pending, Map<Reason, Long> byReason, long apiCalls, long retrying, long open,
                         boolean sealed, double notesPerSecond, Instant finishedAt) {

        public long done() {
            return entries - open;
        }
    }
}
