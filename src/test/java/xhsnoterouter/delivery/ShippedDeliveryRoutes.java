package xhsnoterouter.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** The shipped routes/webhook.yaml and routes/mail.yaml loaded into a bare context, with what the app binds for them. */
final class ShippedDeliveryRoutes {

    private ShippedDeliveryRoutes() {
    }

    /** The delivery settings as the app exports them, for a webhook to {@code url} and mail to {@code mailTo}. */
    static Properties settings(String url, String mailTo) {
        Properties p = new Properties();
        p.put("delivery.webhook.url", url);
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
        return p;
    }

    static void load(CamelContext camel, Properties settings, EventBus bus, Deliveries deliveries) throws Exception {
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.addComponent(EventsComponent.SCHEME, new EventsComponent(bus));
        camel.addComponent(OutboxComponent.SCHEME, new OutboxComponent(deliveries));
        camel.getRegistry().bind("webhookHeaders", new WebhookHeaders(Clock.systemUTC()));
        camel.getRegistry().bind("mailMessages", new MailMessages());
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", 2525, "", "", "none");
        camel.getRegistry().bind("smtpLogin", smtp.login());
        camel.getRegistry().bind("smtpSecurity", smtp.javaMailProperties(Duration.ofSeconds(5)));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/webhook.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/mail.yaml"));
    }
}
