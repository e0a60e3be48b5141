package xhsnoterouter.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API may be called at all. An account stop (SPEC §6) closes it for every note at once; it opens
 * again after the daily quota reset (303), after a successful hourly probe (the others), or on a restart.
 * A shutdown closes it too, so notes not yet called stay pending instead of starting new calls.
 */
public final class AccountGate {

    private static final Logger LOG = LoggerFactory.getLogger(AccountGate.class);
    public static final ZoneId QUOTA_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Duration PROBE_INTERVAL = Duration.ofHours(1);
    /** A full disk is checked far more often than an account: freeing space should resume within seconds. */
    public static final Duration STORAGE_PROBE_INTERVAL = Duration.ofSeconds(15);

    /**
     * Why the account stopped, and when to try again. {@code probeTarget}: what the hourly probe asks again, the
     * note ID or the short link whose call met the stop.
     */
    public record Stop(Reason reason, Integer code, String message, Instant since, Instant resumeAt, String probeTarget) {
    }

    /** Told once per pause and once per resume (the {@code api.paused} / {@code api.resumed} events). */
    public interface Listener {
        void paused(Stop stop);

        void resumed(Stop stop);
    }

    private final Clock clock;
    private volatile Listener listener;
    private Stop stop;
    private boolean shuttingDown;

    public AccountGate(Clock clock) {
        this.clock = clock;
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    public synchronized boolean isOpen() {
        return stop == null && !shuttingDown;
    }

    public synchronized boolean isShuttingDown() {
        return shuttingDown;
    }

    public synchronized Optional<Stop> stop() {
        return Optional.ofNullable(stop);
    }

    /** Closes the gate; only the first call of a stop raises the alert. */
    public void close(Reason reason, Integer code, String message, String noteId) {
        Stop raised = closeWith(now -> new Stop(reason, code, message, now,
                reason == Reason.DAILY_QUOTA_EXCEEDED ? nextQuotaReset(now) : now.plus(PROBE_INTERVAL), noteId));
        if (raised == null) {
            return;
        }
        LOG.error("API ACCOUNT STOPPED: {} (code {}: {}). No more API calls; every untried note is kept pending in the "
                        + "state folder and is fetched when the account works again (next try {}, or on a restart).",
                raised.reason(), raised.code(), raised.message(), raised.resumeAt());
        notifyPaused(raised);
    }

    /**
     * Another instance sharing the account (Kafka) met an account stop: stop calling here too, with its reason. The
     * hourly probe then asks {@code probeTarget} null, i.e. {@link AccountProbe#ANY_NOTE}; that instance's
     * {@code api.resumed} reopens the gate sooner.
     */
    public void closeForPeer(Reason reason, Integer code, String message, Instant resumeAt, String peer) {
        Stop raised = closeWith(now -> new Stop(reason, code, message, now,
                resumeAt != null && resumeAt.isAfter(now) ? resumeAt : now.plus(PROBE_INTERVAL), null));
        if (raised == null) {
            return;
        }
        LOG.error("API ACCOUNT STOPPED on instance {}: {} (code {}: {}). No more API calls here either; every untried "
                + "note waits and is fetched when the account works again (next try {}).", peer, reason, code, message,
                raised.resumeAt());
        notifyPaused(raised);
    }

    /** The outbox could not be written: no more calls (their results could not be kept) until a test write works. */
    public void closeForStorage(String problem) {
        Stop raised = closeWith(now -> new Stop(Reason.OUTBOX_UNWRITABLE, null, problem, now,
                now.plus(STORAGE_PROBE_INTERVAL), null));
        if (raised == null) {
            return;
        }
        LOG.error("OUTBOX NOT WRITABLE: {}. No more API calls; every untried note is kept pending and processing goes on "
                + "by itself once the outbox can be written again (checked every {} s).", problem,
                STORAGE_PROBE_INTERVAL.toSeconds());
        notifyPaused(raised);
    }

    /** @return the new stop, or null when the gate was already closed (one alert per stop) */
    private synchronized Stop closeWith(Function<Instant, Stop> make) {
        if (stop != null) {
            return null;
        }
        stop = make.apply(clock.instant());
        return stop;
    }

    private void notifyPaused(Stop raised) {
        Listener l = listener;
        if (l != null) {
            l.paused(raised);
        }
    }

    public void reopen() {
        Stop was;
        synchronized (this) {
            was = stop;
            stop = null;
        }
        if (was != null) {
            LOG.warn("API account usable again after {}: resuming calls and the pending notes", was.reason());
            Listener l = listener;
            if (l != null) {
                l.resumed(was);
            }
        }
    }

    /** The probe failed again: try once more an interval later. */
    public synchronized void postpone() {
        if (stop != null) {
            Duration interval = stop.reason() == Reason.OUTBOX_UNWRITABLE ? STORAGE_PROBE_INTERVAL : PROBE_INTERVAL;
            stop = new Stop(stop.reason(), stop.code(), stop.message(), stop.since(),
                    clock.instant().plus(interval), stop.probeTarget());
        }
    }

    public synchronized void shutDown() {
        shuttingDown = true;
    }

    /** The daily quota resets at 00:00 Asia/Shanghai. */
    public static Instant nextQuotaReset(Instant now) {
        LocalDate today = now.atZone(QUOTA_ZONE).toLocalDate();
        return today.plusDays(1).atStartOfDay(QUOTA_ZONE).toInstant();
    }
}
