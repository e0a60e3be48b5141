package xhsnoterouter.observe;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The app's SLF4J backend (found through {@code META-INF/services}): every logger, the app's and Camel's, writes
 * through {@link ConsoleLog}. It replaced Log4j 2, whose start-up alone took 0.5 s of the 1.5 s the app may take to
 * be ready (docs/performance.md); this one starts in a few milliseconds.
 */
public final class ConsoleLogProvider implements SLF4JServiceProvider {

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = ConsoleLog.INSTANCE;
    }
}
