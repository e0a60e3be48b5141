package xhsnoterouter.delivery;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs an event to a webhook: the body as it is, {@code X-Xnr-Event}, {@code X-Xnr-Delivery},
 * {@code X-Xnr-Timestamp} and, with a secret, {@code X-Xnr-Signature}. Any 2xx is delivered; anything else,
 * a timeout or a refused connection is a failure the courier retries.
 */
public final class WebhookTransport implements Transport {

    private static final int PARALLEL = 8;

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    /**
     * The JDK client re-sends a request once by itself when the server closed the connection without any answer, so
     * a receiver could get an event twice in one attempt. Allowing it one exchange per request turns that off (the
     * property also caps redirects, which this client never follows). It is read once, when the JDK's HTTP classes
     * are first used, so this runs first thing in {@code main}; a value the user set wins.
     */
    public static void noHiddenResends() {
        if (System.getProperty(RETRY_LIMIT) == null) {
            System.setProperty(RETRY_LIMIT, "1");
        }
    }

    public static final String RETRY_LIMIT = "jdk.httpclient.redirects.retrylimit";

    public WebhookTransport(URI url, String secret, Duration timeout, Clock clock) {
        this.url = url;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "xhs-note-router")
                .header("X-Xnr-Event", event.type().wireName())
                .header("X-Xnr-Delivery", event.deliveryId())
                .header("X-Xnr-Timestamp", Long.toString(clock.instant().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()));
        if (secret != null) {
            request.header("X-Xnr-Signature", Signature.of(secret, event.body()));
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                // The request timeout covers the answer's headers; this covers a receiver that never finishes.
                .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        throw new DeliveryFailure(describe(error));
                    }
                    int status = response.statusCode();
                    if (status < 200 || status > 299) {
                        throw new DeliveryFailure("HTTP " + status);
                    }
                    return null;
                });
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
        }
        if ("Too many retries".equals(cause.getMessage())) {
            // The JDK's word when it may not re-send (see noHiddenResends): closed without an answer.
            return "connection closed without an answer";
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
}
