package xhsnoterouter.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.archive.BatchReport;
import xhsnoterouter.archive.NoteArchive;
import xhsnoterouter.archive.ReportWriter;
import xhsnoterouter.delivery.Events;
import xhsnoterouter.report.CampaignReport;

/**
 * The steps of the {@code ingest} route for one input file: open it as a stream of entries, admit each entry
 * (parse, skip duplicates and archived notes), and when every note has settled write the report and move the
 * file to {@code .done/}. A file that cannot be read at all goes to {@code .error/} with one clear log line.
 */
public final class FileIngest {

    public static final String BATCH = "xnrBatch";
    public static final String READER = "xnrReader";
    public static final String RESUMED = "XnrResumedPending";
    /** Set by a watchlist run: the watchlist's file name (the body's file is a copy, deleted once done). */
    public static final String WATCHLIST = "XnrWatchlist";

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.ingest");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final BatchRegistry registry;
    private final NoteArchive archive;
    private final PendingNotes pending;
    private final ReportWriter reports;
    private final AccountGate gate;
    private final Clock clock;
    private final boolean refetch;
    private final Events events;
    private final CampaignReport campaign;

    public FileIngest(BatchRegistry registry, NoteArchive archive, PendingNotes pending, ReportWriter reports,
                      CampaignReport campaign, AccountGate gate, Clock clock, boolean refetch, Events events) {
        this.events = events;
        this.campaign = campaign;
        this.registry = registry;
        this.archive = archive;
        this.pending = pending;
        this.reports = reports;
        this.gate = gate;
        this.clock = clock;
        this.refetch = refetch;
    }

    /** Opens the file; on success the body becomes its entry reader and the exchange carries the batch. */
    public void open(Exchange exchange) {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        boolean resumed = Boolean.TRUE.equals(exchange.getMessage().getHeader(RESUMED, Boolean.class));
        String watchlist = exchange.getMessage().getHeader(WATCHLIST, String.class);
        String name = resumed ? PendingNotes.originalName(file) : watchlist != null ? watchlist : file.getFileName().toString();
        // A watchlist is re-fetched whole each run, and so are its notes kept pending by an account stop.
        boolean batchRefetch = refetch || watchlist != null || (resumed && PendingNotes.isRefetch(file));
        EntryReader reader;
        try {
            reader = resumed ? PendingNotes.read(file) : EntryReaders.open(file);
        } catch (UnsupportedInputException | UnreadableInputException | IOException e) {
            String where = moveAside(file, ".error");
            LOG.warn("{}: not processed: {}; moved to {}", name, e.getMessage(), where);
            registry.finished(file, null, null, e.getMessage() + " (moved to " + where + ")");
            exchange.removeProperty(BATCH);
            return;
        }
        Batch batch = new Batch(name, file, resumed || watchlist != null, batchRefetch, clock.instant());
        registry.started(batch);
        LOG.info("{}: started{}", name, resumed ? " (notes left pending by an earlier run)"
                : watchlist != null ? " (watchlist run: archived notes are fetched again)" : "");
        exchange.setProperty(BATCH, batch);
        exchange.setProperty(READER, reader);
        exchange.getMessage().setBody(reader);
    }

    /** A batch with no file behind it starts (Kafka requests): it counts among the batches under way. */
    public void started(Batch batch) {
        registry.started(batch);
    }

    /**
     * One entry: an invalid entry becomes a failure to record, a repeated or already archived note (or a repeated
     * short link) is only counted (null), a short link a task to resolve (checked by {@link #admitResolved} once it
     * is), anything else a note to fetch.
     */
    public NoteTask admit(RawEntry entry, Batch batch) {
        return admit(entry, batch, new Source(batch.name(), entry.line(), batch.partOnLine(entry.line())));
    }

    /** {@link #admit(RawEntry, Batch)} for an entry whose source is not a line of the batch's file (a Kafka record). */
    public NoteTask admit(RawEntry entry, Batch batch, Source source) {
        batch.entryRead();
        if (!entry.isOk()) {
            batch.tracked();
            return NoteTask.invalid(entry.text(), entry.problem(), source, batch);
        }
        EntryParser.Parsed parsed = EntryParser.parse(entry.text());
        if (parsed.isShortLink()) {
            if (!batch.firstSightingOfShortLink(parsed.shortLink())) {
                batch.duplicate();
                return null;
            }
            batch.linkAdmitted();
            batch.tracked();
            return NoteTask.toResolve(parsed.shortLink(), entry.text(), source, batch);
        }
        if (parsed.noteId() == null) {
            batch.tracked();
            return NoteTask.invalid(entry.text(), parsed.problem(), source, batch);
        }
        NoteId id = parsed.noteId();
        NoteTask.Step step = batch.firstSighting(id) ? screen(id, batch) : NoteTask.Step.DUPLICATE;
        if (step == NoteTask.Step.FETCH) {
            batch.tracked();
            return NoteTask.toFetch(id, entry.text(), source, batch);
        }
        if (step == NoteTask.Step.DUPLICATE) {
            batch.duplicate();
        } else {
            batch.alreadyFetched();
        }
        return null;
    }

    /**
     * A short link resolved to {@code id} (on a fetch worker): the same checks as for an ID read from the file.
     * The task becomes that note, to fetch next or only to count (it was tracked already, so it settles either way).
     */
    public void admitResolved(NoteTask task, NoteId id) {
        Batch batch = task.batch();
        NoteTask.Step step = batch.firstSightingOfResolved(id) ? screen(id, batch) : NoteTask.Step.DUPLICATE;
        task.resolvedTo(id);
        if (step != NoteTask.Step.FETCH) {
            task.onlyCount(step);
        }
    }

    /**
     * A note seen first in its file: already archived, in flight from another file (a duplicate),
     * or to fetch (claimed).
     */
    private NoteTask.Step screen(NoteId id, Batch batch) {
        if (!batch.refetch() && batch.fetchedBefore(id, archive::isArchived)) {
            return NoteTask.Step.ALREADY_FETCHED;
        }
        if (!registry.claim(id)) {
            return NoteTask.Step.DUPLICATE;
        }
        return NoteTask.Step.FETCH;
    }

    /** Waits for every note of the file, then reports and moves the file out of the inbox. */
    public void finish(Exchange exchange) throws InterruptedException {
        complete(exchange.getProperty(BATCH, Batch.class), exchange, ".done");
    }

    /**
     * Reading stopped on an unexpected error: the notes already sent off still finish and are reported, and
     * the file goes to .error/ so the user sees that the rest of it was not read.
     */
    public void abort(Exchange exchange) throws InterruptedException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        String name = batch == null ? String.valueOf(exchange.getMessage().getHeader(Exchange.FILE_NAME)) : batch.name();
        LOG.error("{}: reading stopped by an unexpected error ({}); entries read so far are processed and the file "
                + "goes to .error/", name, cause);
        if (batch != null) {
            complete(batch, exchange, ".error");
        }
    }

    private void complete(Batch batch, Exchange exchange, String moveTo) throws InterruptedException {
        closeQuietly(exchange.getProperty(READER, EntryReader.class));
        Reported reported = awaitAndReport(batch);
        if (batch.hasUnsaved()) {
            LOG.error("{}: some notes could be saved nowhere (outbox and state folder not writable); the file stays where "
                    + "it is and is read again at the next start", batch.name());
        } else if (batch.resumed() && moveTo.equals(".done")) {
            deleteQuietly(batch.file());
        } else {
            moveAside(batch.file(), moveTo);
        }
        ended(batch, reported);
    }

    /**
     * A batch with no file behind it (Kafka requests, {@link Batch#replayable}): every entry has been admitted;
     * waits for each note's outcome, writes the report and raises batch.completed.
     */
    public void completeWithoutFile(Batch batch) throws InterruptedException {
        ended(batch, awaitAndReport(batch));
    }

    private record Reported(BatchReport summary, Path report, String problem) {
    }

    private Reported awaitAndReport(Batch batch) throws InterruptedException {
        batch.seal();
        while (!batch.awaitCompletion(Duration.ofSeconds(1))) {
            // Progress is logged elsewhere; here we only wait for the last note.
        }
        batch.finished(clock.instant());
        Path report = null;
        String problem = null;
        BatchReport summary = BatchReport.of(batch, gate.stop().orElse(null));
        try {
            pending.batchEnded(batch);
            report = reports.write(summary);
            LOG.info("{} → {}", summary.summaryLine(), report);
        } catch (IOException e) {
            problem = "could not write the report: " + e.getMessage();
            LOG.error("{}: {}", batch.name(), problem);
        }
        rebuildCampaignPage(batch);
        return new Reported(summary, report, problem);
    }

    private void ended(Batch batch, Reported reported) {
        // The event first: once the batch counts as finished, --once may stop the delivery routes.
        events.batchCompleted(reported.summary());
        registry.finished(batch.file(), batch, reported.report(), reported.problem());
    }

    private void rebuildCampaignPage(Batch batch) {
        try {
            campaign.rebuild();
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not rebuild the campaign report page: {}", batch.name(), e.getMessage());
        }
    }

    /** Moves a file into a sibling folder of its inbox, keeping its name unless that is taken. */
    private String moveAside(Path file, String folder) {
        Path dir = file.getParent().resolve(folder);
        String name = file.getFileName().toString();
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                int dot = name.lastIndexOf('.');
                String stamp = "-" + STAMP.format(clock.instant()) + "-" + System.nanoTime() % 1000;
                target = dir.resolve(dot > 0 ? name.substring(0, dot) + stamp + name.substring(dot) : name + stamp);
            }
            Files.move(file, target);
            return file.getParent().getFileName() + "/" + folder + "/" + target.getFileName();
        } catch (NoSuchFileException e) {
            LOG.warn("{}: could not move it to {}/: it is no longer there (deleted or moved while it was read); "
                    + "every entry read from it has its outcome", name, folder);
            return "(gone)";
        } catch (IOException e) {
            LOG.error("{}: could not move it to {}/: {}", name, folder, e.getMessage());
            return "(left in place)";
        }
    }

    private static void closeQuietly(EntryReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("closing reader", e);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.getMessage());
        }
    }
}
