package xhsnoterouter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import xhsnoterouter.support.KafkaBroker;

/**
 * The groundwork for the Kafka issue: the in-JVM broker of the test kit and Camel's kafka component work together on
 * this machine (a keyed round trip over a 4-partition topic, every message once).
 */
class KafkaBrokerTest {

    @Test
    void camelRoutesRoundTripKeyedMessagesThroughTheInJvmBroker() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("xnr.smoke", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, String> received = new ConcurrentHashMap<>();
            CamelContext camel = new DefaultCamelContext();
            camel.getPropertiesComponent().addInitialProperty("brokers", broker.bootstrapServers());
            RouteBuilder.addRoutes(camel, rb -> rb.from("kafka:xnr.smoke?brokers={{brokers}}&groupId=smoke"
                            + "&autoOffsetReset=earliest&pollTimeoutMs=500")
                    .routeId("consume")
                    .process(e -> received.put(e.getMessage().getHeader(KafkaConstants.KEY, String.class),
                            e.getMessage().getBody(String.class))));
            camel.start();
            try {
                NotifyBuilder done = new NotifyBuilder(camel).fromRoute("consume").whenCompleted(100).create();
                ProducerTemplate producer = camel.createProducerTemplate();
                for (int i = 0; i < 100; i++) {
                    producer.sendBodyAndHeader("kafka:xnr.smoke?brokers={{brokers}}", "note-" + i, KafkaConstants.KEY,
                            "key-" + i);
                }

                assertThat(done.matches(60, TimeUnit.SECONDS)).as("100 messages consumed").isTrue();
                Set<String> keys = IntStream.range(0, 100).mapToObj(i -> "key-" + i).collect(Collectors.toSet());
                assertThat(received).hasSize(100).containsOnlyKeys(keys);
                assertThat(received.get("key-42")).isEqualTo("note-42");
            } finally {
                camel.stop();
            }
        }
    }
}
