package xhsnoterouter.delivery;

import java.util.concurrent.CompletableFuture;

/** How one sink sends one event: completes normally when the receiver took it, exceptionally otherwise. */
public interface Transport extends AutoCloseable {

    CompletableFuture<Void> send(Event event);

    /** Where it sends, for log lines: never a secret, never a URL query. */
    String target();

    /** Deliveries sent at once at most. */
    int parallelism();

    @Override
    default void close() {
    }
}
