package xhsnoterouter.kafka;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.Endpoints;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.FileIngest;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;

/**
 * The requests of one poll as one batch, on the Kafka consumer's thread: each message admitted like an inbox entry
 * (same parsing, duplicate and "already fetched" rules; the shared dedupe topic answers the latter) and sent off.
 * The thread then goes back to polling while the batch is under way: at most {@link #OPEN} batches at once, so the
 * fetch queue never runs dry between two batches. A batch's end (its report and batch.completed) is waited for on a
 * thread of its own, in the order the batches came; then its offsets are handed to {@link Offsets}, which the
 * consumer's thread commits after its next poll ({@link PollControl}).
 */
final class RequestIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");
    /** Batches under way at once: the next one is read and queued while the last notes of the previous finish. */
    static final int OPEN = 2;

    private final FileIngest ingest;
    private final SharedFetched fetched;
    private final Clock clock;
    private final String topic;
    private final boolean refetch;
    private final String fetchQueue;
    private final Supplier<ProducerTemplate> template;
    private final Offsets offsets;
    private final ExecutorService ends = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafka-batch-ends");
        t.setDaemon(true);
        return t;
    });
    private int open;

    RequestIntake(FileIngest ingest, SharedFetched fetched, Clock clock, String topic, boolean refetch,
                  String fetchQueue, Supplier<ProducerTemplate> template, Offsets offsets) {
        this.ingest = ingest;
        this.fetched = fetched;
        this.clock = clock;
        this.topic = topic;
        this.refetch = refetch;
        this.fetchQueue = fetchQueue;
        this.template = template;
        this.offsets = offsets;
    }

    /** The body: the poll's records, each an exchange of its own (camel-kafka's batching mode). */
    void take(Exchange polled) throws InterruptedException {
        @SuppressWarnings("unchecked")
        List<Exchange> records = polled.getMessage().getBody(List.class);
        if (records == null || records.isEmpty()) {
            return;
        }
        Batch batch = Batch.replayable("kafka:" + topic, Path.of("kafka", topic), refetch, clock.instant(),
                fetched::contains);
        ingest.started(batch);
        List<Offsets.Item> items = new ArrayList<>(records.size());
        synchronized (this) {
            open++;
        }
        try {
            for (Exchange record : records) {
                Message message = record.getMessage();
                int partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
                long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
                Request request = Request.parse(message.getBody(String.class), offset);
                Source source = new Source("kafka:" + topic + "/" + partition, offset, 0, request.source());
                NoteTask task = ingest.admit(request.entry(), batch, source);
                items.add(new Offsets.Item(new TopicPartition(topic, partition), offset, task));
                if (task != null) {
                    template.get().sendBody(task.next() == NoteTask.Step.RECORD_FAILURE ? Endpoints.RECORD_FAILURE
                            : fetchQueue, task);
                }
            }
        } finally {
            ends.execute(() -> end(batch, items));
        }
        synchronized (this) {
            while (open >= OPEN) {
                wait();
            }
        }
    }

    private void end(Batch batch, List<Offsets.Item> items) {
        try {
            ingest.completeWithoutFile(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Kafka: stopped while waiting for a batch; its requests are not committed and come again");
            return;
        } catch (RuntimeException e) {
            LOG.error("Kafka: a batch could not be finished ({}); its requests are not committed and come again",
                    e.toString());
            return;
        } finally {
            synchronized (this) {
                open--;
                notifyAll();
            }
        }
        offsets.finished(items);
    }

    /**
     * Before the routes stop: waits (bounded) until every batch has ended and the consumer's thread has committed
     * it, so that a graceful stop leaves nothing done uncommitted (it would be counted again at the next start).
     */
    void awaitCommitted(java.time.Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while ((open() > 0 || offsets.anyToCommit()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Batches read and not yet ended. */
    synchronized int open() {
        return open;
    }

    @Override
    public void close() {
        ends.shutdownNow();
    }
}
