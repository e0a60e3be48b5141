package xhsnoterouter.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * {@code justoneapi.timeout-seconds} over the whole API call, body included. HttpClient 5 (camel-http) has only
 * per-read timeouts, so a server that drips its body a byte at a time would hold a worker for ever; this configurer
 * adds an interceptor that cancels the request at its deadline. camel-http calls the API on the route's own thread,
 * so {@link #begin}, the interceptor and {@link #end} meet in a thread-local: no exchange or header is needed.
 */
public final class WholeRequestDeadline implements HttpClientConfigurer {

    private static final class Call {
        volatile ScheduledFuture<?> abort;
        volatile boolean expired;
    }

    private static final ScheduledExecutorService TIMER = timer();

    private final Duration timeout;
    private final ThreadLocal<Call> current = new ThreadLocal<>();

    public WholeRequestDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("xnr-whole-request-deadline", (request, scope, chain) -> {
            Call call = current.get();
            if (call != null && call.abort == null) {
                call.abort = TIMER.schedule(() -> {
                    call.expired = true;
                    if (scope.originalRequest instanceof Cancellable cancellable) {
                        cancellable.cancel();
                    }
                    // once the headers are in, only closing the connection ends a read of the body
                    scope.execRuntime.discardEndpoint();
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return chain.proceed(request, scope);
        });
    }

    /** An API call starts on this thread. */
    public void begin() {
        current.set(new Call());
    }

    /** The call on this thread has ended; returns whether it was cut off at the deadline. */
    public boolean end() {
        Call call = current.get();
        current.remove();
        if (call == null) {
            return false;
        }
        ScheduledFuture<?> abort = call.abort;
        if (abort != null) {
            abort.cancel(false);
        }
        return call.expired;
    }

    /** Whether the call under way on this thread has been cut off (read before {@link #end}). */
    public boolean expired() {
        Call call = current.get();
        return call != null && call.expired;
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "xnr-api-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
