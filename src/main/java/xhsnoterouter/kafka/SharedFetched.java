package xhsnoterouter.kafka;


import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.config.KafkaSettings;
import xhsnoterouter.ingest.NoteId;

/**
 * "Already fetched", shared by every instance of a group through the dedupe topic (Camel's
 * {@link KafkaIdempotentRepository}: each instance reads the topic from its start when it starts, then follows it).
 * A note is added once its result is published, never before: an instance killed mid-fetch leaves no mark, so the
 * instance that redoes the request fetches it.
 */
final class SharedFetched {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");
    /** Notes remembered per instance (most recent first out): ~100 bytes each. */
    static final int REMEMBERED = 500_000;

    private final KafkaIdempotentRepository repository;

    SharedFetched(KafkaSettings settings) {
        repository = new Repository(settings.dedupeTopic(), KafkaClients.properties(settings),
                KafkaClients.properties(settings));
    }

    /**
     * Camel 4.18's repository closes its consumer while its background poll may still be running on it: the close
     * fails (ConcurrentModificationException) and its producer is then never closed, leaving a client that keeps
     * reconnecting. Stopping again once that poll has returned closes both.
     */
    private static final class Repository extends KafkaIdempotentRepository {

        private static final int POLL_MS = 100;

        Repository(String topic, java.util.Properties consumer, java.util.Properties producer) {
            super(topic, consumer, producer, REMEMBERED, POLL_MS);
        }

        @Override
        protected void doStop() throws Exception {
            try {
                super.doStop();
            } catch (java.util.ConcurrentModificationException e) {
                Thread.sleep(3L * POLL_MS);
                super.doStop();
            }
        }
    }

    KafkaIdempotentRepository repository() {
        return repository;
    }

    boolean contains(NoteId id) {
        return repository.contains(id.value());
    }

    void add(NoteId id) {
        try {
            repository.add(id.value());
        } catch (RuntimeException e) {
            LOG.warn("Kafka: could not add {} to the dedupe topic ({}); another instance may fetch it again", id.value(),
                    e.getMessage());
        }
    }
}
