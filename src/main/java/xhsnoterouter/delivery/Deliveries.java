package xhsnoterouter.delivery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.Backoff;
import xhsnoterouter.observe.Metrics;

/**
 * The couriers of all sinks, one per sink name (and so one spool folder each), sharing one scheduler thread for
 * retries, re-sends and send completions. Each sink's spool is re-sent at start and then every resend interval.
 */
public final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");

    private final Path outboxDir;
    private final Path stateDir;
    private final Backoff backoff;
    private final Duration resendInterval;
    private final Clock clock;
    private final Metrics metrics;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xnr-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Courier> couriers = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    public Deliveries(Path outboxDir, Path stateDir, Backoff backoff, Duration resendInterval, Clock clock) {
        this(outboxDir, stateDir, backoff, resendInterval, clock, Metrics.NONE);
    }

    public Deliveries(Path outboxDir, Path stateDir, Backoff backoff, Duration resendInterval, Clock clock,
                      Metrics metrics) {
        this.metrics = metrics;
        this.outboxDir = outboxDir;
        this.stateDir = stateDir;
        this.backoff = backoff;
        this.resendInterval = resendInterval;
        this.clock = clock;
    }

    /**
     * The courier of a sink, made on first use. {@code owner} identifies the endpoint configuration: two different
     * configurations may not share a sink name, or their spooled deliveries would go to the wrong receiver.
     */
    public synchronized Courier courier(String sink, String owner, Supplier<Transport> transport, int maxAttempts) {
        Courier existing = couriers.get(sink);
        if (existing != null) {
            if (!owners.get(sink).equals(owner)) {
                throw new IllegalArgumentException("the sink name '" + sink + "' is used by two different delivery "
                        + "endpoints; give each its own name (it is also the folder outbox/undelivered/" + sink + "/)");
            }
            return existing;
        }
        Courier courier = new Courier(sink, transport.get(), maxAttempts, backoff, outboxDir, stateDir, scheduler, clock,
                metrics);
        courier.recoverJournal();
        couriers.put(sink, courier);
        owners.put(sink, owner);
        // The start's re-send is under way before any route runs, so even a short --once run waits for it.
        long kept = courier.spooled();
        if (kept > 0) {
            LOG.info("Delivery '{}': re-sending {} deliveries kept in {}", sink, kept, courier.spoolDir());
        }
        courier.resend();
        scheduler.scheduleWithFixedDelay(courier::resend, resendInterval.toMillis(), resendInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Delivery '{}' on: {}", sink, courier.transport().target());
        return courier;
    }

    /** The courier of a sink whose sending route has started, or null. */
    public synchronized Courier existing(String sink) {
        return couriers.get(sink);
    }

    public synchronized List<Courier> couriers() {
        return new ArrayList<>(couriers.values());
    }

    /** Gives everything queued its attempt before a stop (and, with {@code retries}, its retries), for at most {@code within}. */
    public void drain(Duration within, boolean retries) throws InterruptedException {
        Instant deadline = clock.instant().plus(within);
        for (Courier courier : couriers()) {
            courier.drain(deadline, retries);
        }
    }

    /** Stops every courier (what is not delivered goes to the spool), then the scheduler. */
    public void close(Duration within) {
        Instant deadline = clock.instant().plus(within);
        try {
            for (Courier courier : couriers()) {
                courier.close(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
