package xhsnoterouter.kafka;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.archive.FailureArchive;
import xhsnoterouter.archive.OutcomeTopic;
import xhsnoterouter.delivery.Event;
import xhsnoterouter.delivery.EventsComponent;
import xhsnoterouter.ingest.NoteTask;

/**
 * Each outcome to its topic, waiting for the broker, before the note is settled: a fetched note to the output topic
 * (key = note ID, value = the note.fetched event), a failure to the failed topic (key = the failure's key, as in
 * {@code failed/<key>.json}). Then a fetched note joins the shared "already fetched" knowledge. Notes from files are
 * published too; only for a Kafka request does a failed publish leave the request undone (delivered again).
 */
final class OutcomePublisher implements OutcomeTopic, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");

    private final String outputUri;
    private final String failedUri;
    private final SharedFetched fetched;
    private final Supplier<ProducerTemplate> template;

    OutcomePublisher(String outputTopic, String failedTopic, SharedFetched fetched, Supplier<ProducerTemplate> template,
                     int threads) {
        AtomicInteger n = new AtomicInteger();
        this.publishers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), r -> {
                    Thread t = new Thread(r, "kafka-publish-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                // Queue full, or pool already shut down: the caller publishes itself. (CallerRunsPolicy would drop
                // the task after shutdown, and with it the note's settling: its batch would never end.)
                }, (task, pool) -> task.run());
        this.outputUri = "kafka:" + outputTopic;
        this.failedUri = "kafka:" + failedTopic;
        this.fetched = fetched;
        this.template = template;
    }

    /**
     * Publishing waits for the broker twice (the result, then the dedupe record): on threads of its own, as many as
     * the fetch workers, so a fetch worker is free for its next call meanwhile. A full queue (or a pool already shut
     * down) makes the worker publish itself: back-pressure when the broker is slow, and every note settles.
     */
    private final ThreadPoolExecutor publishers;

    @Override
    public void publish(NoteTask task, Event event, Runnable then) {
        publishers.execute(() -> {
            try {
                publishNow(task, event);
            } catch (RuntimeException e) {
                LOG.error("{}: could not publish its outcome to Kafka ({})", task, e.toString());
                task.unpublished();
            } finally {
                then.run();
            }
        });
    }

    private void publishNow(NoteTask task, Event event) {
        if (event == null) {
            return;
        }
        boolean isFetched = task.next() == NoteTask.Step.ARCHIVE;
        String uri = isFetched ? outputUri : failedUri;
        String key = FailureArchive.key(task);
        Exchange sent = template.get().send(uri, exchange -> {
            exchange.getMessage().setHeader(KafkaConstants.KEY, key);
            exchange.getMessage().setHeader(EventsComponent.EVENT_HEADER, event.type().wireName());
            exchange.getMessage().setHeader(EventsComponent.DELIVERY_ID_HEADER, event.deliveryId());
            exchange.getMessage().setBody(event.bodyText());
        });
        if (sent.getException() != null) {
            LOG.error("{}: could not publish its {} to Kafka ({}){}", task, event.type().wireName(),
                    sent.getException().getMessage(), task.batch().replayable()
                            ? "; the request stays uncommitted and is handled again" : "; its files in the outbox are written");
            task.unpublished();
            return;
        }
        if (isFetched) {
            fetched.add(task.noteId());
        }
    }

    /** At the context's stop, once every note has settled (the app waits for that before the routes stop). */
    @Override
    public void close() {
        publishers.shutdown();
    }
}
