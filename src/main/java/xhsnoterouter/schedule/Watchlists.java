package xhsnoterouter.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.archive.AtomicFiles;
import xhsnoterouter.ingest.FileIngest;

/**
 * The rules of watchlist runs that Quartz does not know, called by routes/watchlist.yaml. Quartz fires at the cron
 * times; a run copies the watchlist (so the user may edit it meanwhile: the next run reads the new version) and is
 * skipped, with a log line, while the previous run of the same list is still going. At start-up a list runs at
 * once when it has never run, when a cron time passed since its last run (one run for all the times missed while
 * the app was off) or when a run was cut off, by the app's clock so tests can move time. A list named
 * {@code <name>.<ext>} keeps the start of its last finished run in {@code state/schedule/<name>.last} and the copy
 * being run in {@code state/watchlist/<name>/}.
 */
public final class Watchlists {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.schedule");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private record Run(Path copy, Instant startedAt) {
    }

    private final Path workDir;
    private final Path stateDir;
    private final Clock clock;
    private final Map<Path, Run> running = new ConcurrentHashMap<>();

    public Watchlists(Path workDir, Path stateDir, Clock clock) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.stateDir = stateDir;
        this.clock = clock;
    }

    /** At start-up: true when the list is due at once (never run, a cron time missed, or a run cut off). */
    public boolean missedARun(String file, String cron, String timeZone) throws IOException, ParseException {
        Path watchlist = resolve(file);
        boolean cutOff = removeCutOffCopies(watchlist);
        Instant last = lastRun(watchlist);
        CronExpression expression = new CronExpression(cron);
        expression.setTimeZone(TimeZone.getTimeZone(ZoneId.of(timeZone)));
        Date next = last == null ? null : expression.getNextValidTimeAfter(Date.from(last));
        boolean missed = next != null && !next.toInstant().isAfter(clock.instant());
        LOG.info("Watchlist {}: runs at cron '{}' ({}); {}", shown(watchlist), cron, timeZone,
                last == null ? "first run now"
                        : "last run " + last + (missed ? ", a time was missed while stopped: runs now"
                                : cutOff ? ", then cut off: runs now" : ""));
        return last == null || missed || cutOff;
    }

    /**
     * A run of the list starts: the exchange's file becomes a copy of it, sent on to direct:ingest; when the
     * exchange completes without an error the run counts as finished. The route stops here instead, with a log
     * line, when a run of the list is still going or the file is missing.
     */
    public synchronized void start(Exchange exchange, String file) throws IOException {
        Path watchlist = resolve(file);
        Instant at = clock.instant();
        Run current = running.get(watchlist);
        if (current != null) {
            LOG.warn("Watchlist {}: the run due at {} is skipped: the run started at {} is still going", shown(watchlist),
                    dueAt(exchange, at), current.startedAt());
            exchange.setRouteStop(true);
            return;
        }
        if (!Files.isRegularFile(watchlist)) {
            LOG.warn("Watchlist {} does not exist: nothing to fetch again (create it: one note ID or link per line, or "
                    + ".csv/.json as in the inbox; schedule.watchlist names it)", shown(watchlist));
            exchange.setRouteStop(true);
            return;
        }
        Path copy = Files.createDirectories(runDir(watchlist)).resolve(STAMP.format(at) + "-" + watchlist.getFileName());
        Files.copy(watchlist, copy, StandardCopyOption.REPLACE_EXISTING);
        running.put(watchlist, new Run(copy, at));
        LOG.info("Watchlist {}: run started; every note in it is fetched again", shown(watchlist));
        // The batch starts clean: Quartz's headers (its scheduler, trigger, job) have no business downstream.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.FILE_PATH, copy.toAbsolutePath().toString());
        exchange.getMessage().setHeader(FileIngest.WATCHLIST, watchlist.getFileName().toString());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.remove(watchlist);
                if (done.getException() == null) {
                    finished(watchlist, at);
                }
            }
        });
    }

    /** The start of a run that finished, remembered across restarts. */
    private void finished(Path watchlist, Instant startedAt) {
        Path lastRunFile = lastRunFile(watchlist);
        try {
            Files.createDirectories(lastRunFile.getParent());
            AtomicFiles.write(lastRunFile, (startedAt + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("Watchlist {}: could not note the run in {}: {}", shown(watchlist), lastRunFile, e.getMessage());
        }
    }

    private Instant lastRun(Path watchlist) {
        try {
            return Instant.parse(Files.readString(lastRunFile(watchlist), StandardCharsets.UTF_8).trim());
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    /** A copy left in the run folder belongs to a run that was cut off (a finished run's copy is deleted). */
    private boolean removeCutOffCopies(Path watchlist) throws IOException {
        Path runDir = runDir(watchlist);
        if (!Files.isDirectory(runDir)) {
            return false;
        }
        List<Path> copies;
        try (Stream<Path> files = Files.list(runDir)) {
            copies = files.filter(Files::isRegularFile).toList();
        }
        for (Path copy : copies) {
            LOG.warn("Watchlist {}: the run from {} was cut off; its notes are fetched again", shown(watchlist),
                    copy.getFileName());
            Files.deleteIfExists(copy);
        }
        return !copies.isEmpty();
    }

    /** When Quartz fired, the time it was meant for; otherwise (start-up, --once) now. */
    private static Object dueAt(Exchange exchange, Instant now) {
        Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        return scheduled == null ? now : scheduled.toInstant();
    }

    private Path resolve(String file) {
        return workDir.resolve(file.trim()).toAbsolutePath().normalize();
    }

    private Path lastRunFile(Path watchlist) {
        return stateDir.resolve("schedule").resolve(name(watchlist) + ".last");
    }

    private Path runDir(Path watchlist) {
        return stateDir.resolve("watchlist").resolve(name(watchlist));
    }

    private static String name(Path watchlist) {
        String file = watchlist.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private Path shown(Path watchlist) {
        return watchlist.startsWith(workDir) ? workDir.relativize(watchlist) : watchlist;
    }
}
