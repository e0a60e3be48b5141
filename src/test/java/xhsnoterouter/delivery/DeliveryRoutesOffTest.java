package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
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
        Properties p = new Properties();
        p.put("delivery.webhook.url", webhookUrl);
        p.put("delivery.webhook.secret", "");
        p.put("delivery.webhook.events", "note.fetched,note.failed,batch.completed,api.paused,api.resumed");
        p.put("delivery.webhook.timeout-seconds", "5");
        p.put("delivery.webhook.max-attempts", "3");
        p.put("delivery.mail.to", mailTo);
        p.put("delivery.mail.from", "router@localhost");
        p.put("delivery.mail.events", "batch.completed,api.paused,api.resumed");
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", "2525");
        p.put("mail.smtp.username", "");
        p.put("mail.smtp.password", "");
        camel.getPropertiesComponent().setInitialProperties(p);
        Deliveries deliveries = new Deliveries(dir.resolve("outbox"), dir.resolve("state"), new Backoff(10, 50),
                Duration.ofSeconds(60), Clock.systemUTC());
        camel.addComponent(EventsComponent.SCHEME, new EventsComponent(bus));
        camel.addComponent(OutboxComponent.SCHEME, new OutboxComponent(deliveries));
        camel.getRegistry().bind("webhookHeaders", new WebhookHeaders(Clock.systemUTC()));
        camel.getRegistry().bind("mailMessages", new MailMessages());
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", 2525, "", "", "none");
        camel.getRegistry().bind("smtpLogin", smtp.login());
        camel.getRegistry().bind("smtpSecurity", smtp
                .javaMailProperties(Duration.ofSeconds(5)));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/webhook.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/mail.yaml"));
        camel.start();
        bus.open();
    }
}
