package xhsnoterouter;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Start-up work that need not hold up the routes: made on a thread of its own while Camel starts on the main
 * thread (two cores do both at once), and waited for where it is first needed. Start-up time is one of the
 * project's measured targets (docs/performance.md).
 */
public final class Background {

    private Background() {
    }

    public static <T> CompletableFuture<T> make(String what, Supplier<T> maker) {
        CompletableFuture<T> made = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                made.complete(maker.get());
            } catch (RuntimeException | Error e) {
                made.completeExceptionally(e);
            }
        }, "xnr-start-" + what);
        thread.setDaemon(true);
        thread.start();
        return made;
    }
}
