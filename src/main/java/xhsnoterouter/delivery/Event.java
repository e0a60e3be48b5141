package xhsnoterouter.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;

/**
 * One event as it is delivered: its type, its id (the same on every retry, so receivers can de-duplicate), when
 * it happened, and the exact JSON bytes that are sent and signed.
 */
public record Event(EventType type, String deliveryId, Instant occurredAt, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a tree, or an empty object when a route replaced it with something that is not JSON. */
    public JsonNode json() {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? Json.MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public String toString() {
        return type.wireName() + " " + deliveryId;
    }
}
