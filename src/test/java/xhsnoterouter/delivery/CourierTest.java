package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.Json;
import xhsnoterouter.api.Backoff;
import xhsnoterouter.support.WebhookReceiver;

/** The retry, spool and re-send rules of one sink, against a real receiver on loopback. */
class CourierTest {

    @TempDir
    Path outbox;
    private WebhookReceiver receiver;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.systemUTC();
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void start() throws Exception {
        // As the app sets it (NoteRouter): HttpClient 5 would otherwise re-send a POST answered 503 by itself.
        camel.getComponent("http", org.apache.camel.component.http.HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        scheduler.shutdownNow();
        camel.stop();
    }

    private Courier courier(int maxAttempts, int queueLimit) {
        PostTransport transport = new PostTransport(camel, receiver.url());
        return new Courier("hook", transport, maxAttempts, new Backoff(10, 50), outbox, outbox.resolve("state"), scheduler, clock, queueLimit);
    }

    private static Event event(int n) {
        String id = UUID.randomUUID().toString();
        String body = "{\"event\":\"note.fetched\",\"deliveryId\":\"" + id + "\",\"n\":" + n + ",\"title\":\"春日穿搭\"}";
        return new Event(EventType.NOTE_FETCHED, id, Instant.now(), body.getBytes(StandardCharsets.UTF_8));
    }

    private Path spool() {
        return outbox.resolve("undelivered/hook");
    }

    private List<Path> spooled() throws Exception {
        return Files.isDirectory(spool()) ? Files.list(spool()).toList() : List.of();
    }

    @Test
    void retriesWithTheSameDeliveryIdUntilTheReceiverTakesIt() throws Exception {
        receiver.answer(500);
        Courier courier = courier(5, 100);
        Event event = event(1);

        courier.offer(event);
        await().until(() -> receiver.requests().size() >= 2);
        receiver.answer(204);
        await().until(() -> receiver.delivered().size() == 1);

        assertThat(receiver.requests()).allSatisfy(r -> {
            assertThat(r.header("X-Xnr-Delivery")).isEqualTo(event.deliveryId());
            assertThat(r.body()).isEqualTo(event.body());
        });
        assertThat(courier.stats().delivered()).isEqualTo(1);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void whenAttemptsRunOutTheDeliveryIsSpooledThenResentWithTheSameBytesAndRemoved() throws Exception {
        receiver.answer(503);
        Courier courier = courier(3, 100);
        Event event = event(2);

        courier.offer(event);
        await().until(() -> spooled().size() == 1);

        assertThat(receiver.requests()).hasSize(3);
        JsonNode kept = Json.MAPPER.readTree(spool().resolve(event.deliveryId() + ".json").toFile());
        assertThat(kept.get("attempts").asInt()).isEqualTo(3);
        assertThat(kept.get("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(kept.get("event").asText()).isEqualTo("note.fetched");
        assertThat(kept.get("body").asText()).isEqualTo(event.bodyText());

        courier.resend();
        await().until(() -> receiver.requests().size() == 4);
        await().until(() -> Json.MAPPER.readTree(spool().resolve(event.deliveryId() + ".json").toFile())
                .get("attempts").asInt() == 4);

        receiver.answer(200);
        courier.resend();
        await().until(() -> spooled().isEmpty());
        WebhookReceiver.Request last = receiver.delivered().get(0);
        assertThat(last.body()).isEqualTo(event.body());
    }

    @Test
    void aFullQueueSpillsToTheSpoolAndAStopKeepsWhatWasQueued() throws Exception {
        receiver.delay(300);
        Courier courier = courier(5, 10);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event(i));
        }

        long started = System.nanoTime();
        events.forEach(courier::offer);
        long offerMillis = (System.nanoTime() - started) / 1_000_000;

        // 8 sent at once, 10 queued, the other 12 straight to the spool: offering never waited for the receiver.
        assertThat(offerMillis).isLessThan(300);
        assertThat(spooled()).hasSize(12);
        courier.close(Instant.now().plusSeconds(5));
        assertThat(receiver.delivered()).hasSize(8);
        assertThat(spooled()).hasSize(22);
        List<String> everyId = new ArrayList<>(receiver.delivered().stream().map(r -> r.header("X-Xnr-Delivery")).toList());
        for (Path file : spooled()) {
            everyId.add(file.getFileName().toString().replace(".json", ""));
        }
        assertThat(everyId).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::deliveryId).toList());
    }

    @Test
    void aDeliveryIsJournalledUntilTakenAndAJournalLeftByAKilledRunIsResent() throws Exception {
        receiver.delay(300);
        Courier courier = courier(5, 100);
        Event event = event(7);
        Path journal = outbox.resolve("state/deliveries/hook");

        courier.offer(event);

        assertThat(journal.resolve(event.deliveryId() + ".json")).exists();
        await().until(() -> receiver.delivered().size() == 1);
        await().until(() -> !Files.exists(journal.resolve(event.deliveryId() + ".json")));

        // A run killed with a delivery in flight leaves its journal file; the next start re-sends it.
        Event orphan = event(8);
        new Spool(journal).write(new Spool.Entry("hook", "note.fetched", orphan.deliveryId(),
                orphan.occurredAt().toString(), 1, null, null, null, orphan.bodyText()));
        Courier next = courier(5, 100);
        assertThat(next.recoverJournal()).isEqualTo(1);
        next.resend();
        await().until(() -> receiver.delivered().size() == 2);
        assertThat(receiver.delivered().get(1).body()).isEqualTo(orphan.body());
        await().until(() -> spooled().isEmpty());
        assertThat(Files.list(journal)).isEmpty();
    }

    @Test
    void aStopKeepsDeliveriesWaitingForARetry() throws Exception {
        receiver.goDown();
        Courier courier = new Courier("hook", new PostTransport(camel, receiver.url()), 5,
                new Backoff(60_000, 60_000), outbox, outbox.resolve("state"), scheduler, clock);
        courier.offer(event(1));
        courier.offer(event(2));
        await().until(() -> courier.stats().retrying() == 2);

        courier.close(Instant.now().plusSeconds(5));

        assertThat(spooled()).hasSize(2);
        for (Path file : spooled()) {
            JsonNode kept = Json.MAPPER.readTree(file.toFile());
            assertThat(kept.get("attempts").asInt()).isEqualTo(1);
            assertThat(kept.get("lastError").asText()).isEqualTo("connection refused");
        }
    }
}
