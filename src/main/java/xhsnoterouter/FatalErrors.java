package xhsnoterouter;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Out of memory is not survivable: the app would go on half-dead and never finish. Every route (YAML ones
 * included) and every other thread ends the process at once with one clear line instead. Files not finished
 * stay in the inbox and archived notes are skipped on the next run, so nothing is lost.
 */
public final class FatalErrors extends RouteConfigurationBuilder {

    static final String ADVICE = "xhs-note-router: out of memory: the Java heap is too small for this work. Run again with "
            + "a larger heap, e.g. java -Xmx512m -jar target/xhs-note-router.jar; unfinished files stay in the inbox "
            + "and archived notes are not fetched again.";

    @Override
    public void configuration() {
        routeConfiguration().onException(OutOfMemoryError.class)
                .process(e -> halt(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    /** Installed once per process, for threads outside Camel's error handling (timers, HTTP client). */
    static void installForAllThreads() {
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
