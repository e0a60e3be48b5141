package xhsnoterouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The event a sink endpoint was handed: the original one, or the route's own body when a route reshaped it. */
final class SinkEvents {

    private SinkEvents() {
    }

    static Event from(Exchange exchange) {
        Message message = exchange.getMessage();
        Event original = exchange.getProperty(EventsComponent.EVENT_PROPERTY, Event.class);
        Object body = message.getBody();
        if (original != null && body instanceof String text && text.equals(original.bodyText())) {
            return original;
        }
        String type = message.getHeader(EventsComponent.EVENT_HEADER, String.class);
        if (type == null) {
            throw new IllegalArgumentException("the message has no " + EventsComponent.EVENT_HEADER
                    + " header: sinks take messages from an xnr-events: route");
        }
        String id = message.getHeader(EventsComponent.DELIVERY_ID_HEADER, String.class);
        String occurredAt = message.getHeader(EventsComponent.OCCURRED_AT_HEADER, String.class);
        byte[] bytes = body == null ? new byte[0] : message.getBody(String.class).getBytes(StandardCharsets.UTF_8);
        return new Event(EventType.of(type), id == null ? UUID.randomUUID().toString() : id,
                occurredAt == null ? Instant.now() : Instant.parse(occurredAt), bytes);
    }
}
