package xhsnoterouter.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
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

    /**
     * Camel's repository reads the topic's partitions at start and fails when there are none: the topic is made
     * first when missing, compacted (one record per note is all it needs), with the cluster's default partitions
     * and replication.
     */
    static void ensureTopic(KafkaSettings settings) {
        try (Admin admin = Admin.create(KafkaClients.properties(settings))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(settings.dedupeTopic())) {
                admin.createTopics(List.of(new NewTopic(settings.dedupeTopic(), Optional.empty(), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
                LOG.info("Kafka: created the dedupe topic {} (compacted)", settings.dedupeTopic());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("Kafka: could not create the dedupe topic {} ({}); create it by hand (README \"Kafka\")",
                        settings.dedupeTopic(), e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | KafkaException e) {
            LOG.warn("Kafka: could not reach {} to check the dedupe topic ({})", settings.bootstrapServers(),
                    e.getMessage());
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
