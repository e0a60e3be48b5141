package xhsnoterouter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.KafkaBroker;
import xhsnoterouter.support.KafkaTopics;
import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * What a request topic may hold and what an account stop does to a group: bad messages become failure records
 * without holding up their partition; a stop met by one instance pauses every instance, and nothing is committed or
 * lost until it is over.
 */
class KafkaRequestsTest {

    private static KafkaBroker broker;
    private static KafkaTopics topics;

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() throws Exception {
        broker = KafkaBroker.shared();
        topics = KafkaBroker.sharedTopics();
    }

    @Test
    void malformedInvalidAndHugeMessagesBecomeFailuresWithoutBlockingTheirPartition() throws Exception {
        String prefix = "bad";
        // One partition: every request below waits behind the bad ones unless they are dealt with.
        topics.create(prefix + ".requests", 1, Map.of("max.message.bytes", Integer.toString(3 * 1024 * 1024)));
        List<String> ids = NoteIds.ids(0x7c00, 20);
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 0, "", 7))) {
            Workspace work = KafkaScaleOutTest.instance(dir, prefix, simulator.baseUrl().toString(),
                    broker.bootstrapServers());
            Workspace.Service service = work.startService();
            String huge = "x".repeat(1024 * 1024);
            List<String> bad = new ArrayList<>();
            bad.add("{\"noteId\": \"" + ids.get(0));          // cut off: not JSON
            bad.add("{\"noteId\": 5}");                        // JSON, but no ID string
            bad.add("not-a-note-id");                          // invalid ID
            bad.add(huge);                                     // 1 MB
            bad.add("");                                       // empty
            bad.add(null);                                     // a tombstone
            for (String value : bad) {
                topics.send(prefix + ".requests", 0, null, value);
            }
            List<String> good = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                good.add(i % 2 == 0 ? ids.get(i) : "{\"url\": \"https://www.xiaohongshu.com/discovery/item/" + ids.get(i)
                        + "\"}");
            }
            good.add(ids.get(3)); // a repeat: counted, not fetched again
            topics.sendAll(prefix + ".requests", null, good);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> KafkaScaleOutTest.running(service)
                            && topics.lag(prefix + "-group", prefix + ".requests") == 0);
            List<ConsumerRecord<String, String>> notes = topics.readAll(prefix + ".notes");
            List<ConsumerRecord<String, String>> failed = topics.readAll(prefix + ".failed");
            assertThat(service.stop().status()).isZero();

            assertThat(KafkaTopics.countByKey(notes).keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(notes).hasSize(20);
            assertThat(simulator.requestCount()).isEqualTo(20);
            assertThat(failed).hasSize(bad.size());
            for (ConsumerRecord<String, String> f : failed) {
                JsonNode failure = Workspace.json(f.value()).get("failure");
                assertThat(failure.get("reason").asText()).isEqualTo("INVALID_INPUT");
                assertThat(f.key()).isEqualTo("invalid-kafka_bad.requests_0-" + failure.at("/source/line").asLong());
            }
            JsonNode tooLong = work.failure("invalid-kafka_bad.requests_0-3");
            assertThat(tooLong.get("message").asText()).contains("too long");
            assertThat(tooLong.get("input").asText().length()).isLessThanOrEqualTo(200);
            assertThat(work.failure("invalid-kafka_bad.requests_0-0").get("message").asText()).contains("not JSON");
            assertThat(work.failure("invalid-kafka_bad.requests_0-1").get("message").asText()).contains("noteId");
            assertThat(work.failure("invalid-kafka_bad.requests_0-5").get("message").asText()).contains("empty");
            assertThat(work.records()).hasSize(20);
        }
    }

    @Test
    void anAccountStopOnOneInstancePausesBothAndNothingIsCommittedOrLostUntilItIsOver() throws Exception {
        String prefix = "stop";
        topics.create(prefix + ".requests", 2, Map.of());
        List<String> ids = NoteIds.ids(0x7d00, 40);
        String stopper = ids.get(5);
        MutableClock clock = new MutableClock();
        try (ScriptedApi api = ScriptedApi.start()) {
            // Slow enough that the instance which does not meet the stop still has notes to do when it hears of it.
            api.latency(100);
            api.script(stopper, ScriptedApi.code(200, 601, "insufficient balance"), ScriptedApi.success());
            Workspace a = stopInstance(dir.resolve("a"), prefix, api, "a", clock);
            Workspace b = stopInstance(dir.resolve("b"), prefix, api, "b", clock);
            Workspace.Service serviceA = a.startService();
            Workspace.Service serviceB = b.startService();
            await().atMost(Duration.ofSeconds(60)).until(() -> KafkaScaleOutTest.running(serviceA, serviceB)
                    && topics.membersWithPartitions(prefix + "-group") == 2
                    && topics.membersWithPartitions(prefix + "-group.events.a") == 1
                    && topics.membersWithPartitions(prefix + "-group.events.b") == 1);

            topics.sendAll(prefix + ".requests", ids, ids);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> pausedInstances(prefix).size() == 2);
            Thread.sleep(500); // calls under way when the stop was heard finish
            int calls = api.totalRequests();
            Thread.sleep(2500);
            assertThat(api.totalRequests()).as("no calls while paused, on either instance").isEqualTo(calls);
            assertThat(calls).as("the stop came before the end").isLessThan(ids.size());
            long lag = topics.lag(prefix + "-group", prefix + ".requests");
            assertThat(lag).as("requests not done stay uncommitted").isPositive();
            assertThat(noteCount(a) + noteCount(b)).isLessThan(ids.size());
            for (Workspace w : List.of(a, b)) {
                assertThat(w.files("outbox/failed")).as("a stop is not a failure").isEmpty();
                assertThat(w.files("state/pending")).as("Kafka delivers undone requests again").isEmpty();
            }

            clock.advance(Duration.ofMinutes(61)); // the hourly probe succeeds
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> topics.lag(prefix + "-group", prefix + ".requests") == 0);
            List<ConsumerRecord<String, String>> notes = topics.readAll(prefix + ".notes");
            assertThat(serviceA.stop().status()).isZero();
            assertThat(serviceB.stop().status()).isZero();

            Map<String, Long> byKey = KafkaTopics.countByKey(notes);
            assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(byKey.values()).containsOnly(1L);
            assertThat(noteCount(a) + noteCount(b)).isEqualTo(ids.size());
            assertThat(events(prefix, "api.resumed")).as("both resumed").hasSize(2);
        }
    }

    private Workspace stopInstance(Path dir, String prefix, ScriptedApi api, String name, MutableClock clock) {
        return KafkaScaleOutTest.instance(dir, prefix, api.baseUrl().toString(), broker.bootstrapServers())
                .clock(clock)
                .set("kafka.instance-id", name)
                .set("justoneapi.concurrency", "1");
    }

    private static long noteCount(Workspace w) {
        return w.records().size();
    }

    /** The instances that raised api.paused for the account stop, from the events topic. */
    private static Set<String> pausedInstances(String prefix) {
        return events(prefix, "api.paused").stream()
                .filter(r -> Workspace.json(r.value()).get("reason").asText().equals("INSUFFICIENT_BALANCE"))
                .map(r -> header(r, "XnrInstance"))
                .collect(Collectors.toSet());
    }

    private static List<ConsumerRecord<String, String>> events(String prefix, String type) {
        return topics.readAll(prefix + ".events").stream().filter(r -> type.equals(header(r, "XnrEvent"))).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
