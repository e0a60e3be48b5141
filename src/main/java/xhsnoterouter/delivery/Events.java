package xhsnoterouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import xhsnoterouter.Json;
import xhsnoterouter.api.AccountGate;
import xhsnoterouter.archive.BatchReport;
import xhsnoterouter.archive.FailureRecord;
import xhsnoterouter.archive.NoteRecord;

/**
 * Raises the events of SPEC §8 on the bus, with bodies of SPEC §8: {@code {event, deliveryId, occurredAt, <content>}}. The content is the
 * object already written to the outbox (record, failure, report), so a receiver sees what the files hold.
 */
public final class Events {

    private final Clock clock;
    private final EventBus bus;

    public Events(Clock clock, EventBus bus) {
        this.clock = clock;
        this.bus = bus;
    }

    /**
     * The id and time of a note.fetched event follow from the fetch itself (note ID and fetchedAt), so the event
     * raised again after a crash is byte for byte the one that may already have been delivered: receivers that
     * de-duplicate on deliveryId see it once.
     */
    public Event noteFetched(NoteRecord record) {
        if (!bus.wants(EventType.NOTE_FETCHED)) {
            return null;
        }
        String id = UUID.nameUUIDFromBytes(("note.fetched " + record.noteId() + " " + record.fetchedAt())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(EventType.NOTE_FETCHED.contentField(), record);
        return publish(build(EventType.NOTE_FETCHED, id, Instant.parse(record.fetchedAt()), fields));
    }

    public Event noteFailed(FailureRecord failure) {
        return publish(withContent(EventType.NOTE_FAILED, failure));
    }

    public Event batchCompleted(BatchReport report) {
        return publish(withContent(EventType.BATCH_COMPLETED, report));
    }

    /** {@code pending}: notes known to be waiting for the API when the event is raised. */
    public Event apiPaused(AccountGate.Stop stop, long pending) {
        return publish(account(EventType.API_PAUSED, stop, pending, stop.resumeAt()));
    }

    /** {@code resumeAt} of a resume is the moment calls started again. */
    public Event apiResumed(AccountGate.Stop stop, long pending) {
        return publish(account(EventType.API_RESUMED, stop, pending, null));
    }

    /** @return the event raised, or null when no route takes its type */
    private Event publish(Event event) {
        if (event != null) {
            bus.publish(event);
        }
        return event;
    }

    private Event account(EventType type, AccountGate.Stop stop, long pending, Instant resumeAt) {
        if (!bus.wants(type)) {
            return null;
        }
        Instant now = now();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reason", stop.reason().name());
        fields.put("code", stop.code());
        fields.put("message", stop.message());
        fields.put("pending", pending);
        fields.put("resumeAt", (resumeAt == null ? now : resumeAt).toString());
        return build(type, now, fields);
    }

    private Event withContent(EventType type, Object content) {
        if (!bus.wants(type)) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(type.contentField(), content);
        return build(type, now(), fields);
    }

    private Event build(EventType type, Instant occurredAt, Map<String, Object> fields) {
        return build(type, UUID.randomUUID().toString(), occurredAt, fields);
    }

    private Event build(EventType type, String deliveryId, Instant occurredAt, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", type.wireName());
        body.put("deliveryId", deliveryId);
        body.put("occurredAt", occurredAt.toString());
        body.putAll(fields);
        try {
            return new Event(type, deliveryId, occurredAt, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type.wireName() + " event", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
