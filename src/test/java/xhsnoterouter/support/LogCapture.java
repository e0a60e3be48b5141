package xhsnoterouter.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import xhsnoterouter.observe.ConsoleLog;

/** The app's log lines ({@code LEVEL message}, as written) while a test runs in this JVM. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ConsoleLog.Tap tap = ConsoleLog.tap(lines::add);

    private LogCapture() {
    }

    public static LogCapture capture() {
        return new LogCapture();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        tap.close();
    }
}
