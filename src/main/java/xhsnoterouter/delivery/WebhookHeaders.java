package xhsnoterouter.delivery;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * Bean {@code webhookHeaders} of routes/webhook.yaml: {@code X-Xnr-Timestamp}; when the route set the exchange
 * property {@code XnrWebhookSecret}, {@code X-Xnr-Signature} over the exact body bytes that are POSTed; and when it set
 * {@code XnrWebhookUrl}, that URL's query exactly as written as {@code CamelHttpRawQuery} (camel-http would encode a
 * {@code %2B} in it a second time if it read the query from the endpoint URI, as its toD optimisation does).
 */
public final class WebhookHeaders {

    public static final String SECRET_PROPERTY = "XnrWebhookSecret";
    public static final String URL_PROPERTY = "XnrWebhookUrl";

    private final Clock clock;

    public WebhookHeaders(Clock clock) {
        this.clock = clock;
    }

    public void sign(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        byte[] body = message.getMandatoryBody(byte[].class);
        message.setBody(body);
        message.setHeader("X-Xnr-Timestamp", Long.toString(clock.instant().getEpochSecond()));
        String url = exchange.getProperty(URL_PROPERTY, String.class);
        if (url != null) {
            String query = Destinations.webhookUrl(url).getRawQuery();
            if (query != null) {
                message.setHeader(Exchange.HTTP_RAW_QUERY, query);
            }
        }
        String secret = exchange.getProperty(SECRET_PROPERTY, String.class);
        exchange.removeProperty(SECRET_PROPERTY);
        if (secret != null && !secret.isEmpty()) {
            message.setHeader("X-Xnr-Signature", Signature.of(secret, body));
        }
    }
}
