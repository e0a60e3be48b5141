package xhsnoterouter.kafka;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.Endpoints;
import xhsnoterouter.api.AccountGate;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.FileIngest;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;

/**
 * The requests of one poll as one batch, on the Kafka consumer's thread: each message admitted like an inbox entry
 * (same parsing, duplicate and "already fetched" rules; the shared dedupe topic answers the latter), sent off, and
 * waited for; then the offsets of the requests that are done are committed ({@link Offsets}). When one is left undone
 * (account stop, shutdown, unpublished outcome) consumption pauses, and resumes from the committed offset once the
 * account gate is open again ({@link #resumeWhenReady}, every second).
 */
final class RequestIntake {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");

    private final FileIngest ingest;
    private final SharedFetched fetched;
    private final AccountGate gate;
    private final Clock clock;
    private final String topic;
    private final boolean refetch;
    private final String fetchQueue;
    private final Supplier<ProducerTemplate> template;
    private final Supplier<Route> route;
    private final Offsets offsets = new Offsets();

    RequestIntake(FileIngest ingest, SharedFetched fetched, AccountGate gate, Clock clock, String topic, boolean refetch,
                  String fetchQueue, Supplier<ProducerTemplate> template, Supplier<Route> route) {
        this.ingest = ingest;
        this.fetched = fetched;
        this.gate = gate;
        this.clock = clock;
        this.topic = topic;
        this.refetch = refetch;
        this.fetchQueue = fetchQueue;
        this.template = template;
        this.route = route;
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
        Consumer<?, ?> consumer = null;
        for (Exchange record : records) {
            Message message = record.getMessage();
            int partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
            long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
            if (consumer == null && message.getHeader(KafkaConstants.MANUAL_COMMIT) instanceof DefaultKafkaManualCommit c) {
                consumer = c.getConsumer();
            }
            Request request = Request.parse(message.getBody(String.class), offset);
            Source source = new Source("kafka:" + topic + "/" + partition, offset, 0, request.source());
            NoteTask task = ingest.admit(request.entry(), batch, source);
            items.add(new Offsets.Item(new TopicPartition(topic, partition), offset, task));
            if (task != null) {
                template.get().sendBody(task.next() == NoteTask.Step.RECORD_FAILURE ? Endpoints.RECORD_FAILURE
                        : fetchQueue, task);
            }
        }
        ingest.completeWithoutFile(batch);
        if (consumer == null) {
            throw new IllegalStateException("the Kafka route must have allowManualCommit=true");
        }
        Set<TopicPartition> held = offsets.afterBatch(items, consumer);
        if (!held.isEmpty()) {
            LOG.warn("Kafka: requests on {} are not done yet ({}); consumption pauses and resumes from the last "
                    + "committed offset once they can be handled", held, gate.stop().map(s -> "account stop: "
                    + s.reason()).orElse(gate.isShuttingDown() ? "stopping" : "outcome not published"));
            ServiceHelper.suspendService(route.get().getConsumer());
        }
    }

    /** Resumes consumption (from the committed offsets) once nothing stands in the way of the held requests. */
    void resumeWhenReady() {
        if (!offsets.anyHeld() || !gate.isOpen()) {
            return;
        }
        Set<TopicPartition> released = offsets.release();
        LOG.info("Kafka: resuming {} from the last committed offsets", released);
        ServiceHelper.resumeService(route.get().getConsumer());
    }
}
