package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.api.Backoff;

/** An events route that only feeds sinks that are off takes no events, so nothing is built for it. */
class OffSinkRoutesTest {

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private CamelContext camel;

    @BeforeEach
    void camel() {
        camel = new DefaultCamelContext();
        camel.addComponent(EventsComponent.SCHEME, new EventsComponent(bus));
        Deliveries deliveries = new Deliveries(dir.resolve("outbox"), dir.resolve("state"), new Backoff(10, 50),
                Duration.ofSeconds(60), Clock.systemUTC());
        camel.addComponent(WebhookComponent.SCHEME, new WebhookComponent(deliveries, 5, 3, Clock.systemUTC()));
        camel.addComponent(MailComponent.SCHEME, new MailComponent(deliveries,
                new SmtpSettings("localhost", 25, "", "", "none"), "router@localhost"));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void webhookAndMailWithoutDestinationTakeNoEvents() throws Exception {
        start(rb -> {
            rb.from("xnr-events:note.fetched,note.failed").routeId("webhook").to("xnr-webhook:webhook?url=");
            rb.from("xnr-events:batch.completed").routeId("mail").to("xnr-mail:mail?to=");
        });

        for (EventType type : EventType.values()) {
            assertThat(bus.wants(type)).as(type.wireName()).isFalse();
        }
    }

    @Test
    void aRouteThatDoesMoreThanFeedAnOffSinkStillTakesItsEvents() throws Exception {
        Path seen = dir.resolve("seen");
        start(rb -> {
            rb.from("xnr-events:note.fetched").routeId("webhook").to("xnr-webhook:webhook?url=");
            rb.from("xnr-events:note.fetched").routeId("archive-events")
                    .setHeader("CamelFileName", rb.header(EventsComponent.DELIVERY_ID_HEADER))
                    .to("xnr-webhook:other?url=")
                    .to(seen.toUri().toString());
        });

        assertThat(bus.wants(EventType.NOTE_FETCHED)).isTrue();
        assertThat(bus.wants(EventType.BATCH_COMPLETED)).isFalse();
        bus.publish(new Event(EventType.NOTE_FETCHED, "d-1", Instant.parse("2026-11-27T00:00:00Z"),
                "{\"event\":\"note.fetched\"}".getBytes()));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(seen.resolve("d-1")));
        assertThat(Files.readString(seen.resolve("d-1"))).isEqualTo("{\"event\":\"note.fetched\"}");
    }

    @Test
    void aWebhookWithAUrlTakesItsEvents() throws Exception {
        start(rb -> rb.from("xnr-events:note.failed").routeId("webhook")
                .to("xnr-webhook:webhook?url=http://127.0.0.1:9/hook"));

        assertThat(bus.wants(EventType.NOTE_FAILED)).isTrue();
        assertThat(bus.wants(EventType.NOTE_FETCHED)).isFalse();
    }

    private interface Routes {
        void add(RouteBuilder rb);
    }

    private void start(Routes routes) throws Exception {
        RouteBuilder.addRoutes(camel, routes::add);
        camel.start();
        bus.open();
    }
}
