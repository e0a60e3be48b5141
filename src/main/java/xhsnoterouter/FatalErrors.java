package xhsnoterouter;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Out of memory is not survivable: the app would go on half-dead and never finish (Camel rethrows an Error
 * past every error handler, and a polling consumer then swallows it). Every step of the routes and every other
 * thread ends the process at once with one clear line instead. Files not finished stay in the
 * inbox and archived notes are skipped on the next run, so nothing is lost.
 */
public final class FatalErrors {

    static final String ADVICE = "xhs-note-router: out of memory: the Java heap is too small for this work. Run again with "
            + "a larger heap, e.g. java -Xmx512m -jar target/xhs-note-router.jar; unfinished files stay in the inbox "
            + "and archived notes are not fetched again.";

    private FatalErrors() {
    }

    /**
     * Every step of every route, Java and YAML, ends the process if it runs out of memory: bound as a bean, Camel Main
     * adds it to the context.
     */
    public static InterceptStrategy interceptStrategy() {
        return (context, definition, target, nextTarget) -> new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try {
                    return super.process(exchange, callback);
                } catch (OutOfMemoryError e) {
                    halt(e);
                    return true;
                }
            }
        };
    }

    /** Installed once per process, for threads outside Camel's error handling (timers, HTTP client). */
    public static void installForAllThreads() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                halt(error);
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                error.printStackTrace();
            }
        });
    }

    static void halt(Throwable error) {
        System.err.println(ADVICE);
        System.err.flush();
        Runtime.getRuntime().halt(App.BAD_CONFIGURATION);
    }
}
