package xhsnoterouter.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.observe.Metrics;

/**
 * Holds notes during their back-off without holding a thread each, then hands them back to the fetch queue.
 * When the account stops or the app stops, every waiting note is handed back at once, to end up pending.
 */
public final class RetryScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);

    private final Backoff backoff;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xnr-retry");
        t.setDaemon(true);
        return t;
    });
    private final Map<NoteTask, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();
    private volatile Consumer<NoteTask> resubmit;
    private final Metrics metrics;

    public RetryScheduler(Backoff backoff) {
        this(backoff, Metrics.NONE);
    }

    public RetryScheduler(Backoff backoff, Metrics metrics) {
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** Where a note goes after its back-off (the fetch queue); set once the routes exist. */
    public void resubmitTo(Consumer<NoteTask> resubmit) {
        this.resubmit = resubmit;
    }

    public void schedule(NoteTask task) {
        long delay = backoff.delayMs(task.attempts(), ThreadLocalRandom.current()::nextDouble);
        task.batch().retryScheduled();
        metrics.retryScheduled();
        synchronized (task) {
            waiting.put(task, timer.schedule(() -> fire(task), delay, TimeUnit.MILLISECONDS));
        }
    }

    private void fire(NoteTask task) {
        synchronized (task) {
            if (waiting.remove(task) == null) {
                return;
            }
        }
        task.batch().retryResumed();
        task.fetchAgain();
        try {
            resubmit.accept(task);
        } catch (RuntimeException e) {
            // Nothing else would ever see this note again: say so loudly rather than lose it silently.
            LOG.error("{}: could not be queued for its next attempt: {}", task, e.toString());
            throw e;
        }
    }

    /** Ends every back-off now. */
    public void expedite() {
        for (Map.Entry<NoteTask, ScheduledFuture<?>> e : waiting.entrySet()) {
            if (e.getValue().cancel(false)) {
                timer.execute(() -> fire(e.getKey()));
            }
        }
    }

    public int waitingCount() {
        return waiting.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
