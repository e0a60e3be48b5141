package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.api.Backoff;

/**
 * The shipped routes/webhook.yaml and routes/mail.yaml with no url and no recipient build no route at all (their
 * precondition), so no event is made, journalled or spooled for a sink that is off.
 */
class DeliveryRoutesOffTest {

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private CamelContext camel;

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void webhookAndMailWithoutDestinationBuildNoRouteAndTakeNoEvents() throws Exception {
        start("", "");

        assertThat(camel.getRoutes()).isEmpty();
        for (EventType type : EventType.values()) {
            assertThat(bus.wants(type)).as(type.wireName()).isFalse();
        }
    }

    @Test
    void aWebhookWithAUrlBuildsItsTwoRoutesAndTakesItsEvents() throws Exception {
        start("http://127.0.0.1:9/hook", "");

        assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrder("webhook", "webhook-post");
        assertThat(bus.wants(EventType.NOTE_FAILED)).isTrue();
        assertThat(bus.wants(EventType.API_PAUSED)).isTrue();
    }

    @Test
    void mailWithARecipientBuildsItsTwoRoutesForItsEventsOnly() throws Exception {
        start("", "team@example.com");

        assertThat(camel.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrder("mail", "mail-send");
        assertThat(bus.wants(EventType.BATCH_COMPLETED)).isTrue();
        assertThat(bus.wants(EventType.NOTE_FETCHED)).isFalse();
    }

    private void start(String webhookUrl, String mailTo) throws Exception {
        camel = new DefaultCamelContext();
        Deliveries deliveries = new Deliveries(dir.resolve("outbox"), dir.resolve("state"), new Backoff(10, 50),
                Duration.ofSeconds(60), Clock.systemUTC());
        ShippedDeliveryRoutes.load(camel, ShippedDeliveryRoutes.settings(webhookUrl, mailTo), bus, deliveries);
        camel.start();
        bus.open();
    }
}
