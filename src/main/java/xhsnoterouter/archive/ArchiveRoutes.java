package xhsnoterouter.archive;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.Endpoints;
import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.Reason;
import xhsnoterouter.delivery.Events;
import xhsnoterouter.ingest.BatchRegistry;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.PendingNotes;
import xhsnoterouter.observe.Metrics;
import xhsnoterouter.observe.Metrics.Outcome;

/**
 * The three places a note can end: archive-note (fetched), record-failure (failed, not found, invalid) and
 * keep-pending (not tried). Each writes its file, raises the note.fetched / note.failed event (delivery
 * routes only queue it), then settles the note in its batch, so a batch's events come before its batch.completed.
 * A note whose files cannot be written stays pending rather than being counted as done.
 */
public final class ArchiveRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.archive");
    /** The NoteRecord an archived note got (routes/media.yaml's media-note reads it). */
    public static final String WRITTEN = "XnrRecord";
    /** Where a fetched note's media are planned and queued (routes/media.yaml), when media.download asks for any. */
    public static final String MEDIA_NOTE = "direct:media-note";
    private static final String EVENT = "xnrEvent";

    private final NoteArchive notes;
    private final FailureArchive failures;
    private final PendingNotes pending;
    private final BatchRegistry registry;
    private final Events events;
    private final AccountGate gate;
    private final Metrics metrics;
    private final OutcomeTopic topic;
    private final boolean media;

    public ArchiveRoutes(NoteArchive notes, FailureArchive failures, PendingNotes pending, BatchRegistry registry,
                         Events events, AccountGate gate) {
        this(notes, failures, pending, registry, events, gate, Metrics.NONE, OutcomeTopic.NONE, false);
    }

    /** @param media whether media.download asks for any media (then {@link #MEDIA_NOTE} is a route) */
    public ArchiveRoutes(NoteArchive notes, FailureArchive failures, PendingNotes pending, BatchRegistry registry,
                         Events events, AccountGate gate, Metrics metrics, OutcomeTopic topic, boolean media) {
        this.media = media;
        this.metrics = metrics;
        this.topic = topic;
        this.gate = gate;
        this.notes = notes;
        this.failures = failures;
        this.pending = pending;
        this.registry = registry;
        this.events = events;
    }

    @Override
    public void configure() {
        ProcessorDefinition<?> archive = from(Endpoints.ARCHIVE_NOTE).routeId("archive-note").startupOrder(10)
                .onException(Exception.class).handled(true).process(this::writeFailed).end()
                .process(e -> e.setProperty(WRITTEN, notes.archive(task(e))))
                .process(e -> e.setProperty(EVENT, events.noteFetched(e.getProperty(WRITTEN, NoteRecord.class))));
        if (media) {
            // Before the note settles, so its batch knows to wait for the files; the downloads themselves are queued.
            archive.enrich(MEDIA_NOTE, AggregationStrategies.useOriginal());
        }
        archive.process(this::publishThenSettle);

        from(Endpoints.RECORD_FAILURE).routeId("record-failure").startupOrder(11)
                .onException(Exception.class).handled(true).process(this::writeFailed).end()
                .process(e -> e.setProperty(WRITTEN, failures.record(task(e))))
                .process(e -> e.setProperty(EVENT, events.noteFailed(e.getProperty(WRITTEN, FailureRecord.class))))
                .process(this::publishThenSettle);

        from(Endpoints.KEEP_PENDING).routeId("keep-pending").startupOrder(12)
                .onException(Exception.class).handled(true).process(this::pendingFailed).end()
                .process(this::keepPending)
                .process(this::settle);
    }

    /** A note of a Kafka request is not written to state/pending: the topic delivers the request again. */
    private void keepPending(Exchange exchange) throws Exception {
        NoteTask task = task(exchange);
        if (!task.batch().replayable()) {
            pending.keep(task);
        }
    }

    /**
     * The outcome is written: publish it where it must go (Kafka), then settle the note. With Kafka the publishing
     * and the settling happen on a thread of the publisher's, so this worker is free for its next call; the note's
     * files are written here first, so a full disk is still seen before that call.
     */
    private void publishThenSettle(Exchange exchange) {
        NoteTask task = task(exchange);
        topic.publish(task, exchange.getProperty(EVENT, xhsnoterouter.delivery.Event.class), () -> settle(task));
    }

    private void writeFailed(Exchange exchange) throws Exception {
        NoteTask task = task(exchange);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String problem = cause == null ? "?" : cause.getMessage();
        LOG.error("{}: cannot write to the outbox ({}); the note is kept pending", task, problem);
        gate.closeForStorage("cannot write to the outbox: " + problem);
        task.keepPending();
        if (task.noteId() == null && task.shortLink() == null) {
            // An invalid entry has no note to keep pending: its input file stays in the inbox to be read again.
            task.batch().unsaved();
            settle(exchange);
            return;
        }
        try {
            keepPending(exchange);
        } catch (Exception e) {
            LOG.error("{}: cannot write to the state folder either ({}); its input file stays in the inbox", task,
                    e.getMessage());
            task.batch().unsaved();
        }
        settle(exchange);
    }

    private void pendingFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        NoteTask task = task(exchange);
        LOG.error("{}: cannot write to the state folder ({}); its input file stays in the inbox", task,
                cause == null ? "?" : cause.getMessage());
        task.batch().unsaved();
        settle(exchange);
    }

    private void settle(Exchange exchange) {
        settle(task(exchange));
    }

    private void settle(NoteTask task) {
        task.batch().settle(task);
        count(task);
        registry.release(task.noteId());
        task.releaseBody();
    }

    /** The note's outcome in the metrics, counted as its batch counts it. */
    private void count(NoteTask task) {
        switch (task.next()) {
            case ARCHIVE -> metrics.noteSettled(Outcome.FETCHED, null);
            case KEEP_PENDING -> metrics.noteSettled(Outcome.PENDING, null);
            case RECORD_FAILURE -> {
                Reason reason = task.reason();
                Outcome outcome = reason == Reason.INVALID_INPUT ? Outcome.INVALID
                        : reason == Reason.NOT_FOUND ? Outcome.NOT_FOUND : Outcome.FAILED;
                metrics.noteSettled(outcome, reason.name());
            }
            default -> {
                // DUPLICATE, ALREADY_FETCHED: counted in the batch report only, never sent here.
            }
        }
    }

    private static NoteTask task(Exchange exchange) {
        return exchange.getMessage().getBody(NoteTask.class);
    }
}
