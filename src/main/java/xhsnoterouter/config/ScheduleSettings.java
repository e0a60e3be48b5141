package xhsnoterouter.config;

import java.time.ZoneId;

/**
 * The watchlist schedule: {@code schedule.watchlist} (a file in the inbox's formats, relative to the working
 * folder), {@code schedule.cron} (Quartz cron; empty = no schedule) and {@code schedule.time-zone} (the zone the
 * cron's hours are in; empty = the machine's).
 */
public record ScheduleSettings(String watchlist, String cron, ZoneId timeZone) {
}
