package xhsnoterouter.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.mail.MessagingException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.DefaultConsumer;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The reading side of an outbox: the sink's courier hands each attempt to this consumer's route. The route's
 * message: the event's exact bytes as body, headers {@code X-Xnr-Event} and {@code X-Xnr-Delivery}. The attempt
 * succeeded when the route ends without an exception. Attempts run on this consumer's own threads
 * ({@code concurrentConsumers} of them): camel-http and camel-mail send synchronously, and the courier starts an
 * attempt on the thread that offered the event, which is the thread that finished a note.
 */
final class OutboxConsumer extends DefaultConsumer {

    private final OutboxEndpoint endpoint;
    private final OutboxEndpoint.Options options;
    private ExecutorService attempts;

    OutboxConsumer(OutboxEndpoint endpoint, Processor processor, OutboxEndpoint.Options options) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        attempts = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "xnr-outbox-" + endpoint.sink(), options.parallel());
        endpoint.deliveries().courier(endpoint.sink(), endpoint.getEndpointUri(), () -> new Transport() {
            @Override
            public CompletableFuture<Void> send(Event event) {
                return attempt(event);
            }

            @Override
            public String target() {
                return options.destination();
            }

            @Override
            public int parallelism() {
                return options.parallel();
            }
        }, options.maxAttempts());
    }

    @Override
    protected void doStop() throws Exception {
        if (attempts != null) {
            // attempts under way finish (the courier is waiting for them at a stop), nothing new starts
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(attempts);
        }
        super.doStop();
    }

    /** One attempt: the event through this consumer's route, on one of its threads; never on the caller's. */
    CompletableFuture<Void> attempt(Event event) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(event.body());
        exchange.getMessage().setHeader("X-Xnr-Event", event.type().wireName());
        exchange.getMessage().setHeader("X-Xnr-Delivery", event.deliveryId());
        exchange.setProperty(EventsComponent.EVENT_PROPERTY, event);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            attempts.execute(() -> getAsyncProcessor().process(exchange, doneSync -> {
                Exception failure = exchange.getException();
                releaseExchange(exchange, false);
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new DeliveryFailure(describe(failure)));
                }
            }));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new DeliveryFailure("the app was stopping"));
        }
        // A receiver's client timeouts are per read; this also covers one that never finishes its answer.
        return done.orTimeout(options.timeoutSeconds() + 1L, TimeUnit.SECONDS).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof DeliveryFailure ? cause : new DeliveryFailure(describe(cause)));
        });
    }

    private String describe(Throwable error) {
        return describe(error, options.timeoutSeconds());
    }

    /** The failure of an attempt in a few words, for the log and the spool file: never a URL, never a password. */
    static String describe(Throwable error, int timeoutSeconds) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof DeliveryFailure) {
                return c.getMessage();
            }
            if (c instanceof HttpOperationFailedException http) {
                return "HTTP " + http.getStatusCode();
            }
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return "no answer within " + timeoutSeconds + " s";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof NoHttpResponseException) {
                return "connection closed without an answer";
            }
            if (c instanceof MessagingException && c.getCause() == null) {
                return "SMTP: " + MailContent.oneLine(String.valueOf(c.getMessage()));
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + MailContent.oneLine(root.getMessage()));
    }
}
