package xhsnoterouter.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The app's log lines (logger {@code xhsnoterouter} and below) while a test runs in this JVM. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerConfig logger;

    private LogCapture(LoggerConfig logger) {
        super("test-capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    public static LogCapture capture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(context.getConfiguration().getLoggerConfig("xhsnoterouter"));
        capture.start();
        capture.logger.addAppender(capture, null, null);
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
