package xhsnoterouter.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * The app's log lines while a test runs in this JVM, as config/logback.xml writes them (masked, a stack trace
 * included) without the time: {@code LEVEL message}, the level followed by one space.
 */
public final class LogCapture implements AutoCloseable {

    private static final int TIME = "12:34:56.789 ".length();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> tap;

    private LogCapture() {
        Layout<ILoggingEvent> written = consoleLayout(root);
        tap = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String line = written.doLayout(event).stripTrailing();
                String level = event.getLevel().toString();
                lines.add(level + " " + line.substring(TIME + Math.max(5, level.length()) + 1));
            }
        };
        tap.setContext(root.getLoggerContext());
        tap.start();
        root.addAppender(tap);
    }

    public static LogCapture capture() {
        return new LogCapture();
    }

    /** The layout of the appender {@code console} of config/logback.xml: what a user sees on standard output. */
    @SuppressWarnings("unchecked")
    public static Layout<ILoggingEvent> consoleLayout(Logger root) {
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("console");
        return ((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).getLayout();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(tap);
        tap.stop();
    }
}
