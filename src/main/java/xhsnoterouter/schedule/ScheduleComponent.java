package xhsnoterouter.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code xnr-schedule:<name>?file=config/watchlist.txt&cron=0 0 *}{@code /6 * * ?&timeZone=Asia/Shanghai}: starts a
 * route with a copy of the watchlist file at each cron time (see {@link WatchlistConsumer}), to be sent to
 * {@code direct:ingest}, which fetches every note in it again. The parameters default to {@code schedule.watchlist},
 * {@code schedule.cron} and {@code schedule.time-zone}; an empty cron means no schedule (a run with
 * {@code --once --watchlist} still works). The name keeps the last run's time in {@code state/schedule/<name>.last}.
 */
public final class ScheduleComponent extends DefaultComponent {

    public static final String SCHEME = "xnr-schedule";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path workDir;
    private final Path stateDir;
    private final String defaultFile;
    private final String defaultCron;
    private final ZoneId defaultZone;
    private final boolean service;
    private final Clock clock;
    private final List<WatchlistConsumer> consumers = new CopyOnWriteArrayList<>();

    /** @param service true: runs at cron times; false ({@code --once}): only when asked by {@link #runAllNow()} */
    public ScheduleComponent(Path workDir, Path stateDir, String defaultFile, String defaultCron, ZoneId defaultZone,
                             boolean service, Clock clock) {
        this.workDir = workDir;
        this.stateDir = stateDir;
        this.defaultFile = defaultFile;
        this.defaultCron = defaultCron;
        this.defaultZone = defaultZone;
        this.service = service;
        this.clock = clock;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!NAME.matcher(remaining).matches()) {
            throw new IllegalArgumentException(SCHEME + ":" + remaining + ": the schedule name must be 1 to 64 letters, "
                    + "digits, '.', '-' or '_' (it names the file state/schedule/<name>.last)");
        }
        String file = text(getAndRemoveParameter(parameters, "file", String.class), defaultFile);
        String cronText = text(getAndRemoveParameter(parameters, "cron", String.class), defaultCron);
        String zoneText = text(getAndRemoveParameter(parameters, "timeZone", String.class), "");
        if (file.isEmpty()) {
            throw new IllegalArgumentException(SCHEME + ":" + remaining + ": file must name the watchlist, e.g. config/watchlist.txt");
        }
        ZoneId zone;
        try {
            zone = zoneText.isEmpty() ? defaultZone : ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(SCHEME + ":" + remaining + ": timeZone '" + zoneText
                    + "' is not a time zone such as Asia/Shanghai or UTC");
        }
        CronSchedule cron = null;
        if (!cronText.isEmpty()) {
            try {
                cron = CronSchedule.parse(cronText, zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SCHEME + ":" + remaining + ": cron '" + cronText + "': " + e.getMessage());
            }
        }
        return new ScheduleEndpoint(uri, this, remaining, workDir.resolve(file).toAbsolutePath().normalize(), cron);
    }

    /** {@code --once --watchlist}: starts a run of every schedule now; returns the copies being run. */
    public List<Path> runAllNow() {
        return consumers.stream().map(WatchlistConsumer::runNow).flatMap(java.util.Optional::stream).toList();
    }

    private static String text(String value, String fallback) {
        return value == null ? fallback : value.trim();
    }

    final class ScheduleEndpoint extends DefaultEndpoint {
        private final String name;
        private final Path watchlist;
        private final CronSchedule cron;

        ScheduleEndpoint(String uri, ScheduleComponent component, String name, Path watchlist, CronSchedule cron) {
            super(uri, component);
            this.name = name;
            this.watchlist = watchlist;
            this.cron = cron;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(SCHEME + ": starts routes (from:), it cannot be sent to");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            Timetable timetable = cron == null ? null
                    : new Timetable(cron, stateDir.resolve("schedule").resolve(name + ".last"), clock);
            return new WatchlistConsumer(this, processor, name, watchlist, workDir,
                    stateDir.resolve("watchlist").resolve(name), cron, timetable, service, clock, consumers);
        }
    }
}
