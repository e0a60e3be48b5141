package xhsnoterouter.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

/** The endpoint's JSON body: {@code {"code","message","data","recordTime","requestId"}}, compact. */
final class Envelope {

    // Seeded from the start time so request IDs of two simulator runs do not collide in archived files.
    private static final AtomicLong REQUESTS = new AtomicLong(System.nanoTime());

    private Envelope() {
    }

    static byte[] success(JsonNode data) {
        return write(0, data);
    }

    static byte[] error(int code) {
        return write(code, null);
    }

    private static byte[] write(int code, JsonNode data) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", code);
        body.put("message", ApiCodes.message(code));
        body.set("data", data == null ? Json.MAPPER.nullNode() : data);
        body.put("recordTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("requestId", String.format("%016x", Draws.mix64(REQUESTS.incrementAndGet())));
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a simulator response", e);
        }
    }
}
