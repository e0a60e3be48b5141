package xhsnoterouter.observe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The app's meters, all named {@code xnr_…}, in the registry Camel scrapes at {@code /observe/metrics}. Every meter
 * a call can reach is looked up once and kept, so the note's path pays one increment, not a registry lookup.
 */
public final class MicrometerMetrics implements Metrics {

    /** Prometheus histogram buckets of the API request latency, in seconds: the API answers in 0.1 to 60 s. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60)
    };
    private static final String NONE = "none";

    private record CallKey(Integer code, Integer httpStatus) {
    }

    private record DeliveryKey(String sink, DeliveryResult result) {
    }

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer latency;
    private final Counter retries;
    private final Map<Outcome, Map<String, Counter>> notes = new EnumMap<>(Outcome.class);
    private final Map<CallKey, Counter> calls = new ConcurrentHashMap<>();
    private final Map<DeliveryKey, Counter> deliveries = new ConcurrentHashMap<>();

    /** @param notesWaiting notes not yet done: those of the files under way and those kept pending on disk */
    public MicrometerMetrics(MeterRegistry registry, LongSupplier notesWaiting) {
        this.registry = registry;
        Gauge.builder("xnr.api.requests.in.flight", inFlight, AtomicInteger::get)
                .description("API requests sent and not yet answered").register(registry);
        // Held strongly: a gauge keeps only a weak reference to its object, and nothing else holds this one.
        Gauge.builder("xnr.notes.pending", notesWaiting, s -> s.getAsLong())
                .description("Notes waiting: of the files under way without an outcome yet, or kept pending in state/pending")
                .strongReference(true)
                .register(registry);
        this.latency = Timer.builder("xnr.api.request.duration")
                .description("Time from sending an API request to its whole answer (or timeout, or failure)")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.retries = Counter.builder("xnr.retries")
                .description("Note attempts to be repeated after a back-off").register(registry);
        for (Outcome outcome : Outcome.values()) {
            notes.put(outcome, new ConcurrentHashMap<>());
        }
        // The outcomes every run can have start at 0, so a rate() sees their first note.
        noteCounter(Outcome.FETCHED, null);
        noteCounter(Outcome.NOT_FOUND, "NOT_FOUND");
        noteCounter(Outcome.INVALID, "INVALID_INPUT");
        noteCounter(Outcome.PENDING, null);
    }

    @Override
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    @Override
    public void requestEnded(long nanos) {
        inFlight.decrementAndGet();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void apiCalled(Integer code, Integer httpStatus) {
        Integer status = httpStatus == null || httpStatus == 0 ? null : httpStatus;
        calls.computeIfAbsent(new CallKey(code, status), k -> Counter.builder("xnr.api.calls")
                .description("API calls by the API's code and the HTTP status (none: no JSON answer, or no response)")
                .tag("code", k.code() == null ? NONE : k.code().toString())
                .tag("http_status", k.httpStatus() == null ? NONE : k.httpStatus().toString())
                .register(registry)).increment();
    }

    @Override
    public void noteSettled(Outcome outcome, String reason) {
        noteCounter(outcome, reason).increment();
    }

    private Counter noteCounter(Outcome outcome, String reason) {
        String r = reason == null ? NONE : reason;
        return notes.get(outcome).computeIfAbsent(r, k -> Counter.builder("xnr.notes")
                .description("Notes by outcome (fetched, not_found, failed, invalid, pending) and failure reason")
                .tag("outcome", outcome.label())
                .tag("reason", k)
                .register(registry));
    }

    @Override
    public void retryScheduled() {
        retries.increment();
    }

    @Override
    public void delivery(String sink, DeliveryResult result) {
        deliveries.computeIfAbsent(new DeliveryKey(sink, result), k -> Counter.builder("xnr.deliveries")
                .description("Event deliveries by sink and result: delivered, retried (an attempt failed, another "
                        + "follows) or spooled (kept in outbox/undelivered/ to be re-sent)")
                .tag("sink", k.sink())
                .tag("result", k.result().label())
                .register(registry)).increment();
    }
}
