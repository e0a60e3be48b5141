package xhsnoterouter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.KafkaBroker;
import xhsnoterouter.support.KafkaTopics;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Two instances of the app in one consumer group against a real broker in this JVM and the simulator: the work is
 * split, every request is done once, and a note fetched by one instance is not fetched again by the other.
 */
class KafkaScaleOutTest {

    private static KafkaBroker broker;
    private static KafkaTopics topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() throws Exception {
        broker = KafkaBroker.shared();
        topics = KafkaBroker.sharedTopics();
    }

    /** An app instance whose kafka.* topics all start with {@code prefix}. */
    static Workspace instance(Path dir, String prefix, String baseUrl) {
        return instance(dir, prefix, baseUrl, broker.bootstrapServers());
    }

    static Workspace instance(Path dir, String prefix, String baseUrl, String servers) {
        return new Workspace(dir)
                .set("justoneapi.base-url", baseUrl)
                .set("justoneapi.token", "tok-kafka")
                .set("justoneapi.concurrency", "8")
                .set("kafka.bootstrap-servers", servers)
                .set("kafka.input-topic", prefix + ".requests")
                .set("kafka.output-topic", prefix + ".notes")
                .set("kafka.failed-topic", prefix + ".failed")
                .set("kafka.events-topic", prefix + ".events")
                .set("kafka.dedupe-topic", prefix + ".fetched")
                .set("kafka.group-id", prefix + "-group")
                // Pass-through client settings: a dead instance's partitions move within seconds.
                .set("kafka.session.timeout.ms", "6000")
                .set("kafka.heartbeat.interval.ms", "1000");
    }

    @Test
    void twoInstancesShareAThousandRequestsAndPublishEachNoteOnce() throws Exception {
        String prefix = "share";
        topics.create(prefix + ".requests", 4, Map.of());
        List<String> ids = NoteIds.ids(0x7a00, 1000);
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 2, "", 7))) {
            Workspace a = instance(dir.resolve("a"), prefix, simulator.baseUrl().toString());
            Workspace b = instance(dir.resolve("b"), prefix, simulator.baseUrl().toString());
            Workspace.Service serviceA = a.startService();
            Workspace.Service serviceB = b.startService();
            await().atMost(Duration.ofSeconds(60)).until(() -> running(serviceA, serviceB) && members(prefix) == 2);

            // The forms a producing system may use: bare IDs, links, and JSON with a source of its own.
            List<String> values = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                values.add(switch (i % 3) {
                    case 0 -> id;
                    case 1 -> "https://www.xiaohongshu.com/explore/" + id + "?xsec_token=abc";
                    default -> "{\"noteId\": \"" + id + "\", \"source\": {\"campaign\": \"spring\", \"n\": " + i + "}}";
                });
            }
            topics.sendAll(prefix + ".requests", ids, values);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> topics.lag(prefix + "-group", prefix + ".requests") == 0);
            List<ConsumerRecord<String, String>> published = topics.readAll(prefix + ".notes");
            assertThat(serviceA.stop().status()).isZero();
            assertThat(serviceB.stop().status()).isZero();

            Map<String, Long> byKey = KafkaTopics.countByKey(published);
            assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(byKey.values()).as("each note published once").containsOnly(1L);
            assertThat(simulator.requestCount()).as("each note fetched once").isEqualTo(1000);
            JsonNode event = Workspace.json(published.stream().filter(r -> r.key().equals(ids.get(2))).findFirst()
                    .orElseThrow().value());
            assertThat(event.get("event").asText()).isEqualTo("note.fetched");
            assertThat(event.at("/record/noteId").asText()).isEqualTo(ids.get(2));
            assertThat(event.at("/record/source/request/campaign").asText()).isEqualTo("spring");
            assertThat(event.at("/record/source/file").asText()).startsWith("kafka:share.requests/");

            // The work was split, and the files in each outbox are still written.
            Set<String> inA = noteIds(a);
            Set<String> inB = noteIds(b);
            assertThat(inA).isNotEmpty();
            assertThat(inB).isNotEmpty();
            assertThat(inA).doesNotContainAnyElementsOf(inB);
            assertThat(inA.size() + inB.size()).isEqualTo(1000);
            assertThat(a.files("outbox/notes").size() + b.files("outbox/notes").size()).isEqualTo(1000);
            assertThat(a.files("outbox/failed")).isEmpty();
            assertThat(b.files("outbox/failed")).isEmpty();
            assertThat(a.files("state/pending")).isEmpty();
        }
    }

    @Test
    void aNoteFetchedByOneInstanceIsNotFetchedAgainByTheOther() throws Exception {
        String prefix = "dedupe";
        topics.create(prefix + ".requests", 2, Map.of());
        String id = NoteIds.id(0x7b00, 1);
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 0, "", 7))) {
            Workspace a = instance(dir.resolve("a"), prefix, simulator.baseUrl().toString());
            Workspace b = instance(dir.resolve("b"), prefix, simulator.baseUrl().toString());
            Workspace.Service serviceA = a.startService();
            Workspace.Service serviceB = b.startService();
            await().atMost(Duration.ofSeconds(60)).until(() -> running(serviceA, serviceB) && members(prefix) == 2);

            // One partition each: the same note asked on both partitions reaches both instances.
            topics.send(prefix + ".requests", 0, null, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> topics.lag(prefix + "-group", prefix + ".requests") == 0);
            topics.send(prefix + ".requests", 1, null, "https://www.rednote.com/explore/" + id);
            await().atMost(Duration.ofSeconds(30)).until(() -> topics.lag(prefix + "-group", prefix + ".requests") == 0);
            List<ConsumerRecord<String, String>> published = topics.readAll(prefix + ".notes");
            assertThat(serviceA.stop().status()).isZero();
            assertThat(serviceB.stop().status()).isZero();

            assertThat(simulator.attemptsFor(id)).isEqualTo(1);
            assertThat(published).hasSize(1);
            assertThat(noteIds(a).size() + noteIds(b).size()).isEqualTo(1);
            long alreadyFetched = 0;
            for (Workspace w : List.of(a, b)) {
                for (JsonNode report : w.reports("kafka_" + prefix + ".requests")) {
                    alreadyFetched += report.get("alreadyFetched").asLong();
                }
            }
            assertThat(alreadyFetched).as("the second request counted as already fetched").isEqualTo(1);
        }
    }

    @Test
    void anInstanceKilledMidwayLosesNothingAndTheOtherFinishesItsRequests() throws Exception {
        String prefix = "kill";
        topics.create(prefix + ".requests", 4, Map.of());
        List<String> ids = NoteIds.ids(0x7e00, 1000);
        int concurrency = 8;
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 20, "", 7))) {
            // A runs in a process of its own, to be killed like a machine that dies (SIGKILL, no shutdown at all).
            Workspace a = instance(dir.resolve("a"), prefix, simulator.baseUrl().toString());
            Files.writeString(a.dir().resolve("config/application.properties"),
                    "\nkafka.session.timeout.ms=6000\nkafka.heartbeat.interval.ms=1000\n", StandardOpenOption.APPEND);
            Process processA = AppProcess.start(a.dir(), Map.of(
                    "JUSTONEAPI_TOKEN", "tok-kafka",
                    "JUSTONEAPI_BASE_URL", simulator.baseUrl().toString(),
                    "JUSTONEAPI_CONCURRENCY", Integer.toString(concurrency),
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "KAFKA_INPUT_TOPIC", prefix + ".requests",
                    "KAFKA_OUTPUT_TOPIC", prefix + ".notes",
                    "KAFKA_FAILED_TOPIC", prefix + ".failed",
                    "KAFKA_EVENTS_TOPIC", prefix + ".events",
                    "KAFKA_DEDUPE_TOPIC", prefix + ".fetched",
                    "KAFKA_GROUP_ID", prefix + "-group"));
            try {
                Workspace b = instance(dir.resolve("b"), prefix, simulator.baseUrl().toString());
                Workspace.Service serviceB = b.startService();
                await().atMost(Duration.ofSeconds(60)).until(() -> processA.isAlive() && running(serviceB)
                        && members(prefix) == 2);

                topics.sendAll(prefix + ".requests", ids, ids);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> a.records().size() >= 150);
                processA.destroyForcibly().waitFor();
                int doneByA = a.records().size();
                assertThat(doneByA).as("killed mid-way").isLessThan(ids.size() / 2);

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> running(serviceB) && topics.lag(prefix + "-group", prefix + ".requests") == 0);
                List<ConsumerRecord<String, String>> published = topics.readAll(prefix + ".notes");
                assertThat(serviceB.stop().status()).isZero();

                Map<String, Long> byKey = KafkaTopics.countByKey(published);
                assertThat(byKey.keySet()).as("no request lost").containsExactlyInAnyOrderElementsOf(ids);
                // In flight at A: the notes being called (one per call slot) and those fetched but not yet published (a
                // publisher thread per slot, and as many queued); everything else it had read was only queued for a
                // call, or already in the dedupe topic.
                int inFlight = 3 * concurrency;
                long duplicates = published.size() - byKey.size();
                assertThat(duplicates).as("published twice: at most what A had in flight").isLessThanOrEqualTo(inFlight);
                assertThat(simulator.requestCount() - ids.size()).as("fetched again: at most what A had in flight")
                        .isLessThanOrEqualTo(inFlight);
                Set<String> all = noteIds(a);
                all.addAll(noteIds(b));
                assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
            } finally {
                processA.destroyForcibly();
            }
        }
    }

    /** Fails at once, with what the app said, when a service has ended instead of waiting for nothing. */
    static boolean running(Workspace.Service... services) {
        for (Workspace.Service s : services) {
            if (s.status().isDone()) {
                throw new AssertionError("the service ended with " + s.status().join() + ": "
                        + s.out().toString(java.nio.charset.StandardCharsets.UTF_8)
                        + s.err().toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return true;
    }

    static int members(String prefix) {
        try {
            return topics.membersWithPartitions(prefix + "-group");
        } catch (Exception e) {
            return 0;
        }
    }

    static Set<String> noteIds(Workspace w) {
        return w.records().stream().map(r -> r.get("noteId").asText()).collect(Collectors.toCollection(HashSet::new));
    }
}
