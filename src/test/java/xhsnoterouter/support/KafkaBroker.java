package xhsnoterouter.support;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

import org.apache.kafka.common.utils.Exit;

/**
 * A real Kafka broker (KRaft, one combined broker and controller node) inside the test JVM, from Kafka's own test
 * kit: no Docker, loopback only. Replication and rebalance settings are the
 * ones a single node needs (factor 1, min ISR 1, no initial rebalance delay).
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaBroker start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaBroker(cluster);
    }

    private static KafkaBroker shared;
    private static KafkaTopics sharedTopics;

    /**
     * One broker for every Kafka test class of this JVM (each test uses topics and groups of its own), stopped when
     * the JVM exits.
     */
    public static synchronized KafkaBroker shared() throws Exception {
        if (shared == null) {
            // At JVM exit Kafka's test kit deletes the broker's temporary folders in shutdown hooks of its own, which
            // run alongside the one below: a broker that sees its log folder vanish calls Exit.halt(1), and the test
            // JVM ends with status 1 after every test has passed (surefire: "Error occurred in starting fork").
            // Kafka's own tests replace the procedures the same way.
            Exit.setHaltProcedure((status, message) -> { });
            Exit.setExitProcedure((status, message) -> { });
            shared = start();
            sharedTopics = new KafkaTopics(shared.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    sharedTopics.close();
                    shared.close();
                } catch (Exception e) {
                    // The JVM ends either way.
                }
            }));
        }
        return shared;
    }

    /** The test's own client of the {@link #shared()} broker. */
    public static synchronized KafkaTopics sharedTopics() throws Exception {
        shared();
        return sharedTopics;
    }

    /** host:port list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
