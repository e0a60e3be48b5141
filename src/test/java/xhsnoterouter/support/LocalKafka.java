package xhsnoterouter.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft) on 127.0.0.1 for trying the app's Kafka side on one machine, and the commands the
 * scaling benchmark needs. Kafka's own test kit, from Maven Central: no download, no Docker. Not for production.
 * <pre>
 *   broker FILE [TOPIC:PARTITIONS ...]   start, create the topics, write host:port to FILE, run until killed
 *   produce SERVERS TOPIC N SEED         send N distinct note IDs (keyed by ID), print them to stdout
 *   wait SERVERS GROUP TOPIC TIMEOUT_S   wait until the group has committed every record; print the seconds taken
 *   count SERVERS TOPIC                  records, distinct keys
 *   members SERVERS GROUP                members holding partitions
 * </pre>
 * scripts/local-kafka.sh and bench/kafka-scale.sh run it on the test classpath.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "broker" -> broker(Path.of(args[1]), List.of(args).subList(2, args.length));
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "wait" -> waitForGroup(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "count" -> count(args[1], args[2]);
            case "members" -> {
                try (KafkaTopics topics = new KafkaTopics(args[1])) {
                    System.out.println(topics.membersWithPartitions(args[2]));
                }
            }
            default -> {
                System.err.println("usage: broker FILE [TOPIC:PARTITIONS ...] | produce SERVERS TOPIC N SEED | "
                        + "wait SERVERS GROUP TOPIC TIMEOUT_S | count SERVERS TOPIC | members SERVERS GROUP");
                System.exit(2);
            }
        }
    }

    private static void broker(Path file, List<String> topics) throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                // The process ends either way.
            }
        }));
        try (KafkaTopics admin = new KafkaTopics(broker.bootstrapServers())) {
            for (String t : topics) {
                String[] parts = t.split(":");
                admin.create(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1, Map.of());
            }
        }
        Files.writeString(file, broker.bootstrapServers() + "\n", StandardCharsets.UTF_8);
        System.out.println("Kafka (single node, for trying things out) on " + broker.bootstrapServers()
                + "; topics " + topics + "; Ctrl-C to stop");
        Thread.currentThread().join();
    }

    private static void produce(String servers, String topic, int n, int seed) throws Exception {
        List<String> ids = NoteIds.ids(seed & 0xffff, n);
        try (KafkaTopics topics = new KafkaTopics(servers)) {
            topics.sendAll(topic, ids, ids);
        }
        ids.forEach(System.out::println);
    }

    private static void waitForGroup(String servers, String group, String topic, int timeoutSeconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (KafkaTopics topics = new KafkaTopics(servers)) {
            while (true) {
                long lag;
                try {
                    lag = topics.lag(group, topic);
                } catch (Exception e) {
                    lag = -1;
                }
                if (lag == 0) {
                    System.out.printf("%.2f%n", (System.nanoTime() - start) / 1e9);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("still " + lag + " records not committed after " + timeoutSeconds + " s");
                    System.exit(1);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void count(String servers, String topic) {
        try (KafkaTopics topics = new KafkaTopics(servers)) {
            var records = topics.readAll(topic);
            List<String> keys = new ArrayList<>();
            records.forEach(r -> keys.add(r.key()));
            System.out.println(records.size() + " " + keys.stream().distinct().count());
        }
    }
}
