package xhsnoterouter.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import xhsnoterouter.archive.AtomicFiles;

/**
 * When a watchlist is due: at each of its cron times by the app's clock; and at once when it has never run or a
 * cron time passed while the app was off (or while a run was cut off), so a restart catches up with one run, not
 * with every one it missed. The start time of the last run that finished is kept in {@code lastRunFile}.
 */
final class Timetable {

    private final CronSchedule cron;
    private final Path lastRunFile;
    private final Clock clock;
    private Instant next;

    Timetable(CronSchedule cron, Path lastRunFile, Clock clock) {
        this.cron = cron;
        this.lastRunFile = lastRunFile;
        this.clock = clock;
        Instant last = lastRun();
        this.next = last == null ? clock.instant() : cron.nextAfter(last);
    }

    synchronized boolean due() {
        return next != null && !clock.instant().isBefore(next);
    }

    /** The time the due run was meant for. */
    synchronized Instant dueAt() {
        return next;
    }

    /** A run starts now (or the due time is passed over): the next one is the cron time after now. */
    synchronized void advance() {
        next = cron.nextAfter(clock.instant());
    }

    synchronized Instant next() {
        return next;
    }

    /** A run that started at {@code startedAt} finished: remembered across restarts. */
    void finished(Instant startedAt) throws IOException {
        Files.createDirectories(lastRunFile.getParent());
        AtomicFiles.write(lastRunFile, (startedAt + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Instant lastRun() {
        try {
            return Instant.parse(Files.readString(lastRunFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}
