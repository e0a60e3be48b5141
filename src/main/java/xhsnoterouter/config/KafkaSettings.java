package xhsnoterouter.config;

import java.util.Map;

/**
 * Kafka input and output ({@code kafka.*}); off when {@code bootstrapServers} is empty. {@code clientProperties}:
 * the pass-through Kafka client settings (SASL, TLS …) given as {@code kafka.<client property>}, handed to every
 * Kafka client the app makes. Their values may be secrets: never logged.
 */
public record KafkaSettings(String bootstrapServers, String inputTopic, String groupId, String outputTopic,
                            String failedTopic, String eventsTopic, String dedupeTopic, int batchSize, String instanceId,
                            Map<String, String> clientProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    @Override
    public String toString() {
        return "KafkaSettings[" + bootstrapServers + ", in " + inputTopic + ", group " + groupId + ", instance "
                + instanceId + ", client properties " + clientProperties.keySet() + "]";
    }
}
