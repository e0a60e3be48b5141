package xhsnoterouter.kafka;

import java.util.HashMap;
import java.util.Properties;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

import xhsnoterouter.config.KafkaSettings;

/** The brokers and pass-through client settings (SASL, TLS …), the same for every Kafka client the app makes. */
final class KafkaClients {

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

    /** For the clients Camel's component does not make (the dedupe repository's consumer and producer). */
    static Properties properties(KafkaSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.clientProperties());
        properties.put("bootstrap.servers", settings.bootstrapServers());
        return properties;
    }
}
