package xhsnoterouter.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import xhsnoterouter.Background;
import xhsnoterouter.api.ApiResponse.TransportFailure;
import xhsnoterouter.observe.Metrics;

/**
 * Calls the Note Details endpoint, and the share-link endpoint that turns an xhslink.com link into a note link.
 * {@code timeout} bounds the whole request (connect, headers and body), not only the wait between packets: a
 * server that drips its body still ends in a timeout.
 * Never throws for network trouble; that is an {@link ApiResponse} like any other.
 */
public final class ApiClient {

    private final ApiUrls urls;
    private final Duration timeout;
    private final RateGate gate;
    /** The JDK client sets up TLS when it is built (0.25 s here): built beside Camel's start, ready by the first call. */
    private final CompletableFuture<HttpClient> http;
    private final Metrics metrics;

    public ApiClient(ApiUrls urls, Duration timeout, RateGate gate) {
        this(urls, timeout, gate, Metrics.NONE);
    }

    /** @param metrics told of each request's start and end: requests in flight, latency */
    public ApiClient(ApiUrls urls, Duration timeout, RateGate gate, Metrics metrics) {
        this.metrics = metrics;
        this.urls = urls;
        this.timeout = timeout;
        this.gate = gate;
        this.http = Background.make("http-client", () -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own tasks run on its selector thread instead of a pool: by default each response was
                // handed between five threads, 10 context switches a note at latency 0 (measured with perf, 2 cores).
                // The calling thread waits for the answer in any case, and no code of ours runs in these tasks.
                .executor(Runnable::run)
                .build());
    }

    /**
     * The JDK client re-sends a GET once by itself when the server closed the connection without any answer, so a
     * note would reach the API one time more than {@code retry.max-attempts}. Allowing it one exchange per request
     * turns that off (the property also caps redirects, which these clients never follow). It is read once, when
     * the JDK's HTTP classes are first used, so this runs first thing in {@code main}; a value the user set wins.
     */
    public static void noHiddenResends() {
        if (System.getProperty(RETRY_LIMIT) == null) {
            System.setProperty(RETRY_LIMIT, "1");
        }
    }

    public static final String RETRY_LIMIT = "jdk.httpclient.redirects.retrylimit";

    public ApiResponse fetchNote(String noteId) throws InterruptedException {
        return call(urls.noteDetail(noteId));
    }

    /** Through the same rate gate as a note: both count against the account alike. */
    public ApiResponse resolveShareLink(String shareUrl) throws InterruptedException {
        return call(urls.shareUrlTransfer(shareUrl));
    }

    private ApiResponse call(URI uri) throws InterruptedException {
        gate.acquire();
        metrics.requestStarted();
        long started = System.nanoTime();
        try {
            return send(uri);
        } finally {
            metrics.requestEnded(System.nanoTime() - started);
            gate.release();
        }
    }

    private ApiResponse send(URI uri) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "xhs-note-router")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> call = http.join().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ApiResponse.of(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            return timedOut();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        }
    }

    private ApiResponse timedOut() {
        return ApiResponse.failed(TransportFailure.TIMEOUT, "no complete response within " + timeout.toSeconds() + " s");
    }

    private ApiResponse describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof ConnectException || hasCause(cause, ConnectException.class)) {
            return ApiResponse.failed(TransportFailure.REFUSED, "connection refused by " + urls.baseUrl().getHost());
        }
        if (cause instanceof IOException && "Too many retries".equals(cause.getMessage())) {
            // What the JDK says instead of re-sending (see noHiddenResends): the server closed without an answer.
            return ApiResponse.failed(TransportFailure.RESET, "connection dropped: the server closed it without an answer");
        }
        String message = urls.mask(String.valueOf(cause.getMessage()));
        if (cause instanceof IOException) {
            return ApiResponse.failed(TransportFailure.RESET, "connection dropped: " + message);
        }
        return ApiResponse.failed(TransportFailure.OTHER, cause.getClass().getSimpleName() + ": " + message);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
