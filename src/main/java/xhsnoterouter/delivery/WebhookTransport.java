package xhsnoterouter.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * POSTs an event to a webhook through camel-http: the body as it is, {@code X-Xnr-Event}, {@code X-Xnr-Delivery},
 * {@code X-Xnr-Timestamp} and, with a secret, {@code X-Xnr-Signature}. Any 2xx is delivered; anything else,
 * a timeout or a refused connection is a failure the courier retries.
 *
 * <p>Each webhook has an HTTP component of its own (not the API's {@code http}): its timeouts are the sink's, and
 * a proxy or pool set for the API calls does not apply to it. The client never re-sends by itself (the courier
 * counts every attempt) and never follows a redirect.
 */
public final class WebhookTransport implements Transport {

    private static final int PARALLEL = 8;

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpComponent http;
    private final Endpoint endpoint;
    private final ProducerTemplate template;

    public WebhookTransport(CamelContext camel, URI url, String secret, Duration timeout, Clock clock) {
        this.url = url;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.timeout = timeout;
        this.clock = clock;
        http = new HttpComponent();
        http.setCamelContext(camel);
        http.setAutomaticRetriesDisabled(true);
        http.setCookieManagementDisabled(true);
        http.setConnectTimeout(timeout.toMillis());
        http.setResponseTimeout(timeout.toMillis());
        http.setSoTimeout(timeout.toMillis());
        http.setConnectionsPerRoute(PARALLEL);
        http.setUserAgent("xhs-note-router");
        try {
            ServiceHelper.startService(http);
            // The receiver's query (it may hold a key) goes per message as CamelHttpQuery, untouched by URI parsing.
            endpoint = http.createEndpoint(target() + "?httpMethod=POST&throwExceptionOnFailure=false");
            ServiceHelper.startService(endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the webhook client for " + target() + ": " + e.getMessage(), e);
        }
        template = camel.createProducerTemplate(PARALLEL);
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        CompletableFuture<Exchange> sent = template.asyncSend(endpoint, exchange -> {
            var message = exchange.getMessage();
            message.setBody(event.body());
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
            message.setHeader("X-Xnr-Event", event.type().wireName());
            message.setHeader("X-Xnr-Delivery", event.deliveryId());
            message.setHeader("X-Xnr-Timestamp", Long.toString(clock.instant().getEpochSecond()));
            if (secret != null) {
                message.setHeader("X-Xnr-Signature", Signature.of(secret, event.body()));
            }
            if (url.getRawQuery() != null) {
                message.setHeader(Exchange.HTTP_QUERY, url.getRawQuery());
            }
        });
        return sent
                // The client's timeouts are per read; this covers a receiver that never finishes.
                .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((exchange, error) -> {
                    Throwable failure = error != null ? error : exchange.getException();
                    if (failure != null) {
                        throw new DeliveryFailure(describe(failure));
                    }
                    int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
                    if (status < 200 || status > 299) {
                        throw new DeliveryFailure("HTTP " + status);
                    }
                    return null;
                });
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof NoHttpResponseException) {
                return "connection closed without an answer";
            }
        }
        return "connection failed (" + cause.getClass().getSimpleName() + ")";
    }

    @Override
    public String target() {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public int parallelism() {
        return PARALLEL;
    }

    @Override
    public void close() {
        ServiceHelper.stopService(template, endpoint, http);
    }
}
