package xhsnoterouter.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code xnr-webhook:<name>?url=...&secret=...}: POSTs each event to a webhook (see {@link WebhookTransport}),
 * retrying and spooling through the sink's courier. {@code timeoutSeconds} and {@code maxAttempts} default to
 * {@code delivery.webhook.timeout-seconds} and {@code delivery.webhook.max-attempts}; an empty url turns it off.
 */
public final class WebhookComponent extends DefaultComponent {

    public static final String SCHEME = "xnr-webhook";

    private final Deliveries deliveries;
    private final int defaultTimeoutSeconds;
    private final int defaultMaxAttempts;
    private final Clock clock;

    public WebhookComponent(Deliveries deliveries, int defaultTimeoutSeconds, int defaultMaxAttempts, Clock clock) {
        this.deliveries = deliveries;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        this.defaultMaxAttempts = defaultMaxAttempts;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String name = SinkEndpoint.checkName(SCHEME, remaining);
        String url = text(getAndRemoveParameter(parameters, "url", String.class));
        String secret = text(getAndRemoveParameter(parameters, "secret", String.class));
        int timeout = SinkEndpoint.positive(SCHEME, name, "timeoutSeconds",
                getAndRemoveParameter(parameters, "timeoutSeconds", String.class), defaultTimeoutSeconds);
        int attempts = SinkEndpoint.positive(SCHEME, name, "maxAttempts",
                getAndRemoveParameter(parameters, "maxAttempts", String.class), defaultMaxAttempts);
        if (url.isEmpty()) {
            return new SinkEndpoint(uri, this, name, deliveries, null, attempts, "no url is set");
        }
        URI target = webhookUrl(name, url);
        return new SinkEndpoint(uri, this, name, deliveries,
                () -> new WebhookTransport(getCamelContext(), target, secret, Duration.ofSeconds(timeout), clock), attempts, null);
    }

    /** Checks a webhook URL; the message never shows its query, which may hold a key of the receiver's. */
    public static URI webhookUrl(String name, String url) {
        String shown = url.replaceAll("[?#].*$", "?…");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(SCHEME + ":" + name + ": url '" + shown
                + "' must be an http:// or https:// URL such as https://example.com/hooks/xnr");
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }
}
