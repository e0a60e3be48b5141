package xhsnoterouter.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.config.KafkaSettings;

/** The brokers and pass-through client settings (SASL, TLS …), the same for every Kafka client the app makes. */
final class KafkaClients {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");
    private static final int REACH_SECONDS = 15;

    private KafkaClients() {
    }

    /** Camel's {@code kafka:} component: every {@code kafka:} URI, the app's and any in routes/*.yaml, uses it. */
    static KafkaComponent component(KafkaSettings settings) {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(settings.bootstrapServers());
        configuration.setAdditionalProperties(new HashMap<>(settings.clientProperties()));
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(configuration);
        return component;
    }

    /**
     * Topics the app cannot do without from its first second: the dedupe topic (Camel's repository reads its
     * partitions at start and fails when there are none; compacted, as one record per note is all it needs) and the
     * events topic (read from its newest record: a topic made later by a first write could hide the first events).
     * Made when missing, with the cluster's default partitions and replication.
     */
    static void ensureTopics(KafkaSettings settings) {
        Properties adminProperties = properties(settings);
        // Every call of this admin client gives up after REACH_SECONDS, its close included.
        adminProperties.put("default.api.timeout.ms", Integer.toString(REACH_SECONDS * 1000));
        adminProperties.put("request.timeout.ms", Integer.toString(REACH_SECONDS * 1000));
        try (Admin admin = Admin.create(adminProperties)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(REACH_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new KafkaUnavailable("Kafka: no broker at " + settings.bootstrapServers() + " answered within "
                        + REACH_SECONDS + " s (" + (e.getCause() == null ? e : e.getCause()).getMessage()
                        + "); check kafka.bootstrap-servers and its security settings, or set it empty for no Kafka", e);
            }
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(settings.dedupeTopic())) {
                missing.add(new NewTopic(settings.dedupeTopic(), Optional.empty(), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            if (!existing.contains(settings.eventsTopic())) {
                missing.add(new NewTopic(settings.eventsTopic(), Optional.empty(), Optional.empty()));
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("Kafka: created the topic {}", topic.name());
                } catch (ExecutionException | TimeoutException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("Kafka: could not create the topic {} ({}); create it by hand (README \"Kafka\")",
                                topic.name(), (e.getCause() == null ? e : e.getCause()).getMessage());
                    }
                }
            }
            awaitPartitions(admin, settings.dedupeTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KafkaException e) {
            throw new KafkaUnavailable("Kafka: cannot use " + settings.bootstrapServers() + " (" + e.getMessage()
                    + "); check kafka.bootstrap-servers and its security settings", e);
        }
    }

    /**
     * A topic just made (here, or by an instance starting beside this one) shows no partitions for a moment, and
     * the dedupe repository, which reads them once at its start, would fail: wait until the broker lists them.
     */
    private static void awaitPartitions(Admin admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                        .partitions().isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Not known to the broker yet.
            }
            Thread.sleep(100);
        }
    }

    /** For the clients Camel's component does not make (the dedupe repository's consumer and producer). */
    static Properties properties(KafkaSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        properties.put("bootstrap.servers", settings.bootstrapServers());
        return properties;
    }
}
