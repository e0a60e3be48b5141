package xhsnoterouter.delivery;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code xnr-outbox:<sink>}: the durable queue between the events and a sink's send route. An {@code xnr-events:}
 * route sends {@code to} it, which only queues, so fetching never waits for a receiver; a second route
 * {@code from} it makes each attempt ({@code toD} to a webhook, {@code smtp:} for mail). A failed attempt is
 * retried with back-off up to {@code maxAttempts}, then kept in {@code outbox/undelivered/<sink>/} and re-sent.
 * <p>
 * Options of the reading side: {@code destination} (where its route sends, for log lines; a URL's query is never
 * shown), {@code maxAttempts}, {@code concurrentConsumers} (attempts under way at once), {@code timeoutSeconds}
 * (an attempt not finished by then has failed).
 * <p>
 * Why not Camel's seda, file or dead-letter pieces: a delivery keeps its deliveryId and its attempt count through
 * retries, the spool and a restart, survives a kill (a journal), and spills to disk rather than blocking when a
 * receiver is slow. The {@link Courier} does that; this component is its Camel face.
 */
public final class OutboxComponent extends DefaultComponent {

    public static final String SCHEME = "xnr-outbox";
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final int DEFAULT_PARALLEL = 4;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private final Deliveries deliveries;

    public OutboxComponent(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String name = OutboxEndpoint.checkName(remaining);
        String destination = getAndRemoveParameter(parameters, "destination", String.class, name);
        int maxAttempts = positive(name, "maxAttempts", getAndRemoveParameter(parameters, "maxAttempts", String.class),
                DEFAULT_MAX_ATTEMPTS);
        int parallel = positive(name, "concurrentConsumers",
                getAndRemoveParameter(parameters, "concurrentConsumers", String.class), DEFAULT_PARALLEL);
        int timeout = positive(name, "timeoutSeconds", getAndRemoveParameter(parameters, "timeoutSeconds", String.class),
                DEFAULT_TIMEOUT_SECONDS);
        return new OutboxEndpoint(uri, this, name, deliveries,
                new OutboxEndpoint.Options(shown(destination), maxAttempts, parallel, timeout));
    }

    /** A destination as log lines show it: a URL's query or fragment (it may hold a key) is cut off. */
    static String shown(String destination) {
        return destination.trim().replaceAll("[?#].*$", "");
    }

    private static int positive(String name, String key, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 3600) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(SCHEME + ":" + name + ": " + key + " '" + value
                + "' must be a whole number from 1 to 3600");
    }
}
