package xhsnoterouter.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Log lines on standard output, one per event: {@code 12:34:56.789 INFO  message}, then the stack trace when there
 * is one, UTF-8 whatever the locale. Anything shaped like {@code token=...} is masked: a second line of defence,
 * since the code never logs the token. Levels: {@code xhsnoterouter} INFO, Camel's start and stop lines INFO,
 * everything else WARN; JVM system properties {@code logging.level.<logger or prefix>} ({@code root} for the
 * rest) change them, e.g. {@code -Dlogging.level.org.apache.camel=DEBUG}.
 */
public final class ConsoleLog implements ILoggerFactory {

    private static final String LEVEL_PREFIX = "logging.level.";
    private static final Pattern TOKEN = Pattern.compile("(?i)token=[^&\\s\"']*");
    private static final Map<String, Level> DEFAULTS = Map.of(
            "root", Level.WARN,
            "xhsnoterouter", Level.INFO,
            "org.apache.camel.impl.engine.AbstractCamelContext", Level.INFO);

    static final ConsoleLog INSTANCE = new ConsoleLog(System.getProperties());
    private static final int OFF = Integer.MAX_VALUE;

    /** Lowest level written, by logger name or prefix; read once, before the first logger is made. */
    private final Map<String, Integer> thresholds = new HashMap<>();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> taps = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    ConsoleLog(Properties system) {
        DEFAULTS.forEach((name, level) -> thresholds.put(name, level.toInt()));
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(LEVEL_PREFIX)) {
                String value = system.getProperty(key).trim().toUpperCase(Locale.ROOT);
                try {
                    thresholds.put(key.substring(LEVEL_PREFIX.length()), value.equals("OFF") ? OFF : Level.valueOf(value).toInt());
                } catch (IllegalArgumentException e) {
                    System.err.println("xhs-note-router: ignoring " + key + "=" + value
                            + " (levels: ERROR, WARN, INFO, DEBUG, TRACE, OFF)");
                }
            }
        }
    }

    /**
     * Also hands each line written (level, a space, the masked message) to {@code tap} until the returned handle is
     * closed: for tests that check what the app says.
     */
    public static Tap tap(Consumer<String> tap) {
        INSTANCE.taps.add(tap);
        return () -> INSTANCE.taps.remove(tap);
    }

    /** Stops a {@link #tap}. */
    public interface Tap extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new ConsoleLogger(n, threshold(n)));
    }

    /** The level set for the logger's name or its nearest parent, else for {@code root}. */
    private int threshold(String name) {
        for (String n = name; !n.isEmpty(); n = n.substring(0, Math.max(0, n.lastIndexOf('.')))) {
            Integer threshold = thresholds.get(n);
            if (threshold != null) {
                return threshold;
            }
        }
        return thresholds.getOrDefault("root", Level.WARN.toInt());
    }

    static String mask(String text) {
        Matcher token = TOKEN.matcher(text);
        return token.find() ? token.replaceAll("token=***") : text;
    }

    static String line(LocalTime time, Level level, String message) {
        StringBuilder line = new StringBuilder(32 + message.length());
        pad(line, time.getHour(), 2).append(':');
        pad(line, time.getMinute(), 2).append(':');
        pad(line, time.getSecond(), 2).append('.');
        pad(line, time.getNano() / 1_000_000, 3).append(' ');
        String name = level.name();
        line.append(name).append(" ".repeat(6 - name.length())).append(message);
        return line.toString();
    }

    private static StringBuilder pad(StringBuilder line, int value, int width) {
        String digits = Integer.toString(value);
        return line.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    private void write(Level level, String message, Throwable thrown) {
        String masked = mask(message == null ? "null" : message);
        StringBuilder text = new StringBuilder(line(LocalTime.now(), level, masked)).append(System.lineSeparator());
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            text.append(mask(trace.toString()));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
        for (Consumer<String> tap : taps) {
            tap.accept(level.name() + " " + masked);
        }
    }

    private final class ConsoleLogger extends LegacyAbstractLogger {
        private final int threshold;

        ConsoleLogger(String name, int threshold) {
            this.name = name;
            this.threshold = threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return threshold <= Level.TRACE.toInt();
        }

        @Override
        public boolean isDebugEnabled() {
            return threshold <= Level.DEBUG.toInt();
        }

        @Override
        public boolean isInfoEnabled() {
            return threshold <= Level.INFO.toInt();
        }

        @Override
        public boolean isWarnEnabled() {
            return threshold <= Level.WARN.toInt();
        }

        @Override
        public boolean isErrorEnabled() {
            return threshold <= Level.ERROR.toInt();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable thrown) {
            write(level, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
        }
    }
}
