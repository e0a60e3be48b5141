package xhsnoterouter.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.FileIngest;

/**
 * One watchlist schedule. Every second it asks its {@link Timetable} whether a run is due by the app's clock;
 * a due run copies the watchlist (so the user may edit it meanwhile; the next run reads the new version) and
 * hands the copy to the route, on a thread of its own. A run due while the previous one is still going is
 * skipped, with a log line. A copy left by a run that was cut off is removed at start: the next run (due at once
 * in that case, see {@link Timetable}) fetches every note again.
 */
final class WatchlistConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.schedule");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    static final long TICK_MS = 1000;

    private record Run(Path copy, Instant startedAt) {
    }

    private final String name;
    private final Path watchlist;
    private final Path shownWatchlist;
    private final Path runDir;
    private final CronSchedule cron;
    private final Timetable timetable;
    private final boolean service;
    private final Clock clock;
    private final List<WatchlistConsumer> registered;
    private final AtomicReference<Run> running = new AtomicReference<>();
    private boolean missingSaid;
    private ScheduledExecutorService ticker;
    private ExecutorService runner;

    WatchlistConsumer(Endpoint endpoint, Processor processor, String name, Path watchlist, Path workDir, Path runDir,
                      CronSchedule cron, Timetable timetable, boolean service, Clock clock,
                      List<WatchlistConsumer> registered) {
        super(endpoint, processor);
        this.name = name;
        this.watchlist = watchlist;
        this.shownWatchlist = watchlist.startsWith(workDir) ? workDir.relativize(watchlist) : watchlist;
        this.runDir = runDir;
        this.cron = cron;
        this.timetable = timetable;
        this.service = service;
        this.clock = clock;
        this.registered = registered;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        removeCutOffCopies();
        runner = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "watchlist-" + name);
        registered.add(this);
        if (!service) {
            return;
        }
        if (timetable == null) {
            LOG.info("Watchlist {}: no schedule (schedule.cron is empty)", shownWatchlist);
            return;
        }
        ticker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "watchlist-" + name + "-clock");
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        Instant last = timetable.lastRun();
        LOG.info("Watchlist {}: runs at cron {}; {}", shownWatchlist, cron,
                last == null ? "first run now" : "last run " + last + ", next " + timetable.next()
                        + (timetable.due() ? " (missed while stopped: runs now)" : ""));
    }

    @Override
    protected void doStop() throws Exception {
        registered.remove(this);
        if (ticker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(ticker);
            ticker = null;
        }
        if (runner != null) {
            // A run under way is a batch like any other: the app's stop lets it settle (notes not yet tried go pending).
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(runner);
            runner = null;
        }
        super.doStop();
    }

    private void tick() {
        try {
            if (!timetable.due()) {
                return;
            }
            Run current = running.get();
            if (current != null) {
                LOG.warn("Watchlist {}: the run due at {} is skipped: the run started at {} is still going",
                        shownWatchlist, timetable.dueAt(), current.startedAt());
                timetable.advance();
                return;
            }
            if (!Files.isRegularFile(watchlist)) {
                if (timetable.lastRun() == null) {
                    // Never run: stay due, so the first run starts as soon as the file is there.
                    if (!missingSaid) {
                        LOG.info("Watchlist {} does not exist yet: create it (one note ID or link per line, or .csv/.json "
                                + "as in the inbox) and its first run starts within a second", shownWatchlist);
                        missingSaid = true;
                    }
                    return;
                }
                LOG.warn("Watchlist {}: the run due at {} is skipped: the file is gone", shownWatchlist, timetable.dueAt());
                timetable.advance();
                return;
            }
            timetable.advance();
            startRun();
        } catch (IOException | RuntimeException e) {
            LOG.error("Watchlist {}: the run could not start: {}", shownWatchlist, e.getMessage());
        }
    }

    /** A run now, whatever the schedule; empty when one is already going or there is no watchlist. */
    Optional<Path> runNow() {
        if (running.get() != null) {
            LOG.warn("Watchlist {}: not run now: the run started at {} is still going", shownWatchlist,
                    running.get().startedAt());
            return Optional.empty();
        }
        if (!Files.isRegularFile(watchlist)) {
            LOG.warn("Watchlist {} does not exist: nothing to re-fetch (schedule.watchlist names it)", shownWatchlist);
            return Optional.empty();
        }
        try {
            if (timetable != null) {
                timetable.advance();
            }
            return Optional.of(startRun());
        } catch (IOException e) {
            LOG.error("Watchlist {}: the run could not start: {}", shownWatchlist, e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized Path startRun() throws IOException {
        Instant at = clock.instant();
        Files.createDirectories(runDir);
        Path copy = runDir.resolve(STAMP.format(at) + "-" + watchlist.getFileName()).toAbsolutePath();
        Files.copy(watchlist, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        running.set(new Run(copy, at));
        missingSaid = false;
        LOG.info("Watchlist {}: run started; every note in it is fetched again", shownWatchlist);
        runner.execute(() -> run(copy, at));
        return copy;
    }

    private void run(Path copy, Instant startedAt) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader(Exchange.FILE_PATH, copy.toString());
            exchange.getMessage().setHeader(FileIngest.WATCHLIST, watchlist.getFileName().toString());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Watchlist " + shownWatchlist + ": the run failed", exchange,
                        exchange.getException());
            } else if (timetable != null) {
                timetable.finished(startedAt);
            }
        } catch (Exception e) {
            LOG.error("Watchlist {}: the run failed: {}", shownWatchlist, e.getMessage());
        } finally {
            releaseExchange(exchange, false);
            running.set(null);
        }
    }

    private void removeCutOffCopies() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    LOG.warn("Watchlist {}: the run from {} was cut off; its notes are fetched again by the next run",
                            shownWatchlist, file.getFileName());
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
