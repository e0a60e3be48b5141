package xhsnoterouter.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code xnr-mail:<name>?to=a@x.org,b@y.org&from=...}: one mail per event (see {@link MailContent}) through the
 * SMTP server of {@code mail.smtp.*}, retried and spooled through the sink's courier. An empty {@code to} turns
 * it off; {@code from} defaults to {@code delivery.mail.from}.
 */
public final class MailComponent extends DefaultComponent {

    public static final String SCHEME = "xnr-mail";
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_ATTEMPTS = 5;

    private final Deliveries deliveries;
    private final SmtpSettings smtp;
    private final String defaultFrom;

    public MailComponent(Deliveries deliveries, SmtpSettings smtp, String defaultFrom) {
        this.deliveries = deliveries;
        this.smtp = smtp;
        this.defaultFrom = defaultFrom;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String name = SinkEndpoint.checkName(SCHEME, remaining);
        String to = getAndRemoveParameter(parameters, "to", String.class, "");
        String from = getAndRemoveParameter(parameters, "from", String.class, defaultFrom);
        int attempts = SinkEndpoint.positive(SCHEME, name, "maxAttempts",
                getAndRemoveParameter(parameters, "maxAttempts", String.class), MAX_ATTEMPTS);
        List<InternetAddress> recipients = addresses(name, "to", to);
        if (recipients.isEmpty()) {
            return new SinkEndpoint(uri, this, name, deliveries, null, attempts, "no recipient (to) is set");
        }
        List<InternetAddress> sender = addresses(name, "from", from.isBlank() ? defaultFrom : from);
        if (sender.size() != 1) {
            throw new IllegalArgumentException(SCHEME + ":" + name + ": from must be one address");
        }
        return new SinkEndpoint(uri, this, name, deliveries,
                () -> new MailTransport(smtp, sender.get(0), recipients, TIMEOUT), attempts, null);
    }

    /** A comma-separated list of addresses, each checked: a typo is a clear error at start, not a bounced mail. */
    public static List<InternetAddress> addresses(String name, String key, String list) {
        List<InternetAddress> result = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                InternetAddress address = new InternetAddress(part.trim(), true);
                address.validate();
                result.add(address);
            } catch (AddressException e) {
                throw new IllegalArgumentException(SCHEME + ":" + name + ": " + key + " '" + MailContent.oneLine(part.trim())
                        + "' is not a mail address (" + e.getMessage() + ")");
            }
        }
        return result;
    }
}
