package xhsnoterouter.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * A Quartz cron expression ({@code sec min hour day-of-month month day-of-week [year]}, e.g. {@code 0 0 *}{@code /6 * * ?}
 * for every 6 hours) in a time zone, asked only "when next after this instant?". No Quartz scheduler runs: the
 * app's clock decides when that instant has come, so a test can move time.
 */
public final class CronSchedule {

    private final String text;
    private final ZoneId zone;
    private final CronExpression cron;

    private CronSchedule(String text, ZoneId zone, CronExpression cron) {
        this.text = text;
        this.zone = zone;
        this.cron = cron;
    }

    /** @throws IllegalArgumentException with Quartz's reason, when the text is not a cron expression */
    public static CronSchedule parse(String text, ZoneId zone) {
        try {
            CronExpression cron = new CronExpression(text.trim());
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            if (cron.getNextValidTimeAfter(new Date()) == null) {
                throw new IllegalArgumentException("it never fires after now");
            }
            return new CronSchedule(text.trim(), zone, cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage() + " (Quartz cron: seconds minutes hours day-of-month month "
                    + "day-of-week [year], e.g. '0 0 */6 * * ?' for every 6 hours, '0 0 9 * * ?' for 09:00 daily)");
        }
    }

    /** The first fire time strictly after {@code after}; null if there is none. */
    public synchronized Instant nextAfter(Instant after) {
        Date next = cron.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "'" + text + "' (" + zone.getId() + ")";
    }
}
