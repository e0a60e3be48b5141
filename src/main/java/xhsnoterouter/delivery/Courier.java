package xhsnoterouter.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.Backoff;
import xhsnoterouter.observe.Metrics;
import xhsnoterouter.observe.Metrics.DeliveryResult;

/**
 * Delivers the events of one sink without ever holding up the notes: {@link #offer} only queues. A few sends
 * run at once; a failed one is retried with back-off up to {@code maxAttempts}, then kept in the spool
 * ({@code outbox/undelivered/<sink>/}) and re-sent every resend interval and at every start until the
 * receiver takes it. A full queue spills to the spool too, and so does whatever is still queued at a stop:
 * a delivery is lost only if its spool file cannot be written, and that is logged as an error.
 * <p>
 * Until it is delivered or spooled, each delivery also has a journal file in {@code state/deliveries/<sink>/},
 * so a process killed outright loses none: the next start moves the journal into the spool and re-sends it
 * (at least once: a delivery taken just before the kill may arrive twice, with the same deliveryId).
 */
public final class Courier {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");
    static final int QUEUE_LIMIT = 5_000;

    /** One event on its way; the attempt counters carry over into the spool and back. */
    private static final class Delivery {
        final Event event;
        final boolean fromSpool;
        int attempts;
        Instant firstAttemptAt;
        Instant lastAttemptAt;
        String lastError;

        Delivery(Event event, boolean fromSpool) {
            this.event = event;
            this.fromSpool = fromSpool;
        }
    }

    public record Stats(long delivered, long spooled, int queued, int retrying) {
    }

    private final String sink;
    private final Transport transport;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Spool spool;
    private final Spool journal;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final int queueLimit;
    private final Metrics metrics;

    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Set<Delivery> inFlight = new HashSet<>();
    private final Set<Delivery> waiting = new HashSet<>();
    private final Set<String> loadedFromSpool = new HashSet<>();
    private boolean closed;
    private boolean receiverFailing;
    private long delivered;
    private long spooled;
    private long lastNudge;

    public Courier(String sink, Transport transport, int maxAttempts, Backoff backoff, Path outboxDir, Path stateDir,
                   ScheduledExecutorService scheduler, Clock clock) {
        this(sink, transport, maxAttempts, backoff, outboxDir, stateDir, scheduler, clock, QUEUE_LIMIT, Metrics.NONE);
    }

    /** @param metrics counts each delivery delivered, retried after a failed attempt, or spooled */
    public Courier(String sink, Transport transport, int maxAttempts, Backoff backoff, Path outboxDir, Path stateDir,
                   ScheduledExecutorService scheduler, Clock clock, Metrics metrics) {
        this(sink, transport, maxAttempts, backoff, outboxDir, stateDir, scheduler, clock, QUEUE_LIMIT, metrics);
    }

    Courier(String sink, Transport transport, int maxAttempts, Backoff backoff, Path outboxDir, Path stateDir,
            ScheduledExecutorService scheduler, Clock clock, int queueLimit) {
        this(sink, transport, maxAttempts, backoff, outboxDir, stateDir, scheduler, clock, queueLimit, Metrics.NONE);
    }

    private Courier(String sink, Transport transport, int maxAttempts, Backoff backoff, Path outboxDir, Path stateDir,
                    ScheduledExecutorService scheduler, Clock clock, int queueLimit, Metrics metrics) {
        this.metrics = metrics;
        this.queueLimit = queueLimit;
        this.journal = new Spool(stateDir.resolve("deliveries").resolve(sink));
        this.sink = sink;
        this.transport = transport;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.spool = new Spool(outboxDir.resolve("undelivered").resolve(sink));
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public String sink() {
        return sink;
    }

    public Transport transport() {
        return transport;
    }

    public Path spoolDir() {
        return spool.dir();
    }

    public void offer(Event event) {
        Delivery delivery = new Delivery(event, false);
        try {
            journal.write(entry(delivery));
        } catch (IOException e) {
            LOG.warn("{}: cannot journal {} in {} ({}); it is still sent, but a crash now would lose it",
                    sink, event, journal.dir(), e.getMessage());
        }
        submit(delivery);
    }

    /**
     * Deliveries journalled by a run that was killed: into the spool, to be re-sent like any kept delivery.
     * @return how many there were
     */
    public int recoverJournal() {
        int moved = 0;
        try {
            for (Path file : journal.files()) {
                Files.createDirectories(spool.dir());
                Files.move(file, spool.dir().resolve(file.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
                moved++;
            }
        } catch (IOException e) {
            LOG.error("{}: cannot move the journal {} into {}: {}", sink, journal.dir(), spool.dir(), e.getMessage());
        }
        if (moved > 0) {
            LOG.warn("{}: {} deliveries of a run that did not stop cleanly are re-sent (receivers may see some twice: "
                    + "same deliveryId)", sink, moved);
        }
        return moved;
    }

    private void submit(Delivery delivery) {
        boolean sendNow;
        String why;
        synchronized (this) {
            if (!closed && inFlight.size() < transport.parallelism()) {
                inFlight.add(delivery);
                sendNow = true;
                why = null;
            } else if (!closed && queue.size() < queueLimit) {
                queue.add(delivery);
                return;
            } else {
                // A delivery read from the spool is still there: forget it until the next pass.
                loadedFromSpool.remove(delivery.event.deliveryId());
                sendNow = false;
                why = closed ? "the app was stopping" : "more than " + queueLimit + " deliveries were waiting";
            }
        }
        if (sendNow) {
            attempt(delivery);
        } else if (!delivery.fromSpool) {
            keep(delivery, why);
        }
    }

    private void attempt(Delivery delivery) {
        Instant now = clock.instant();
        delivery.attempts++;
        if (delivery.firstAttemptAt == null) {
            delivery.firstAttemptAt = now;
        }
        delivery.lastAttemptAt = now;
        CompletableFuture<Void> sent;
        try {
            sent = transport.send(delivery.event);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((ok, error) -> finished(delivery, error), scheduler);
    }

    private void finished(Delivery delivery, Throwable error) {
        if (error == null) {
            delivered(delivery);
        } else {
            failed(delivery, reason(error));
        }
        Delivery next;
        synchronized (this) {
            inFlight.remove(delivery);
            next = closed ? null : queue.poll();
            if (next != null) {
                inFlight.add(next);
            }
            notifyAll();
        }
        if (next != null) {
            attempt(next);
        }
    }

    private void delivered(Delivery delivery) {
        boolean recovered;
        synchronized (this) {
            delivered++;
            recovered = receiverFailing;
            receiverFailing = false;
        }
        metrics.delivery(sink, DeliveryResult.DELIVERED);
        try {
            (delivery.fromSpool ? spool : journal).delete(delivery.event.deliveryId());
        } catch (IOException e) {
            LOG.warn("{}: delivered {} but could not remove its file: {}", sink, delivery.event, e.getMessage());
        }
        if (delivery.fromSpool) {
            synchronized (this) {
                loadedFromSpool.remove(delivery.event.deliveryId());
            }
        }
        if (recovered) {
            LOG.info("{}: {} takes deliveries again; re-sending what is in {}", sink, transport.target(), spool.dir());
            nudge();
        }
    }

    private void failed(Delivery delivery, String reason) {
        delivery.lastError = reason;
        boolean firstFailure;
        synchronized (this) {
            firstFailure = !receiverFailing;
            receiverFailing = true;
        }
        if (firstFailure) {
            LOG.warn("{}: delivery to {} failed ({}); retrying with back-off, then keeping it in {} to re-send later. "
                    + "Fetching goes on.", sink, transport.target(), reason, spool.dir());
        }
        if (delivery.fromSpool) {
            write(delivery);
            synchronized (this) {
                loadedFromSpool.remove(delivery.event.deliveryId());
            }
            return;
        }
        synchronized (this) {
            if (!closed && delivery.attempts < maxAttempts) {
                waiting.add(delivery);
                long delay = backoff.delayMs(delivery.attempts, () -> ThreadLocalRandom.current().nextDouble());
                scheduler.schedule(() -> retry(delivery), delay, TimeUnit.MILLISECONDS);
                metrics.delivery(sink, DeliveryResult.RETRIED);
                return;
            }
        }
        keep(delivery, reason);
    }

    private void retry(Delivery delivery) {
        synchronized (this) {
            if (!waiting.remove(delivery)) {
                return;
            }
        }
        submit(delivery);
    }

    private void keep(Delivery delivery, String why) {
        if (write(delivery)) {
            try {
                journal.delete(delivery.event.deliveryId());
            } catch (IOException e) {
                LOG.debug("journal delete", e);
            }
            synchronized (this) {
                spooled++;
            }
            metrics.delivery(sink, DeliveryResult.SPOOLED);
            LOG.debug("{}: {} kept in {} ({})", sink, delivery.event, spool.dir(), why);
        }
    }

    private boolean write(Delivery delivery) {
        try {
            spool.write(entry(delivery));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: LOST delivery {}: it could not be sent ({}) and its spool file could not be written: {}",
                    sink, delivery.event, delivery.lastError, e.getMessage());
            return false;
        }
    }

    private Spool.Entry entry(Delivery delivery) {
        Event event = delivery.event;
        return new Spool.Entry(sink, event.type().wireName(), event.deliveryId(), event.occurredAt().toString(),
                delivery.attempts, text(delivery.firstAttemptAt), text(delivery.lastAttemptAt), delivery.lastError,
                event.bodyText());
    }

    /** One pass over the spool: each file not already on its way gets one attempt. */
    public void resend() {
        try {
            resendSpooled();
        } catch (RuntimeException e) {
            // Runs on a periodic timer, which an exception would cancel for good.
            LOG.warn("{}: re-sending {} failed: {}", sink, spool.dir(), e.toString());
        }
    }

    private void resendSpooled() {
        List<Path> files;
        try {
            files = spool.files();
        } catch (IOException e) {
            LOG.warn("{}: cannot list {}: {}", sink, spool.dir(), e.getMessage());
            return;
        }
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.json$", "");
            synchronized (this) {
                if (closed || queue.size() >= queueLimit / 2) {
                    return;
                }
                if (!loadedFromSpool.add(id)) {
                    continue;
                }
            }
            Delivery delivery;
            try {
                Spool.Entry entry = spool.read(file);
                delivery = new Delivery(entry.toEvent(), true);
                delivery.attempts = entry.attempts();
                delivery.firstAttemptAt = entry.firstAttemptAt() == null ? null : Instant.parse(entry.firstAttemptAt());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: {} is not a readable delivery ({}); left in place", sink, file, e.getMessage());
                continue;
            }
            submit(delivery);
        }
    }

    /** The receiver answered again: re-send the spool now rather than at the next interval (at most once a second). */
    private void nudge() {
        synchronized (this) {
            long now = System.nanoTime();
            if (closed || now - lastNudge < TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            lastNudge = now;
        }
        scheduler.execute(this::resend);
    }

    /**
     * Waits until nothing is queued or being sent, or until the deadline. With {@code retries}, also for
     * deliveries waiting out a back-off: a short run ({@code --once}) gives a receiver's hiccup a chance before
     * keeping the rest for the next start; a service being stopped does not wait for them.
     */
    public synchronized boolean drain(Instant deadline, boolean retries) throws InterruptedException {
        while (!queue.isEmpty() || !inFlight.isEmpty() || (retries && !waiting.isEmpty())) {
            long left = Duration.between(clock.instant(), deadline).toMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    /**
     * Stops sending: what waits for a retry or in the queue goes to the spool; sends under way may finish
     * until {@code deadline} (a failure then goes to the spool too).
     */
    public void close(Instant deadline) throws InterruptedException {
        List<Delivery> rest = new ArrayList<>();
        synchronized (this) {
            closed = true;
            rest.addAll(waiting);
            waiting.clear();
            rest.addAll(queue);
            queue.clear();
        }
        for (Delivery d : rest) {
            if (!d.fromSpool) {
                keep(d, "the app was stopping");
            }
        }
        synchronized (this) {
            while (!inFlight.isEmpty() && clock.instant().isBefore(deadline)) {
                wait(100);
            }
            for (Delivery d : inFlight) {
                if (!d.fromSpool) {
                    keep(d, "still being sent when the app stopped");
                }
            }
        }
        long kept = spooled();
        if (kept > 0) {
            LOG.warn("{}: {} deliveries not yet taken by {} are kept in {}; they are re-sent at the next start",
                    sink, kept, transport.target(), spool.dir());
        }
        transport.close();
    }

    /** Deliveries waiting in the spool folder now (-1 when it cannot be read). */
    public long spooled() {
        try {
            return spool.files().size();
        } catch (IOException e) {
            return -1;
        }
    }

    public synchronized Stats stats() {
        return new Stats(delivered, spooled, queue.size() + inFlight.size(), waiting.size());
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DeliveryFailure) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
