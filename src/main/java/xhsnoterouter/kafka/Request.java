package xhsnoterouter.kafka;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.RawEntry;

/**
 * One message of the request topic as an entry of the inbox's kind: its value is a note ID, a link, a share text, or
 * JSON {@code {"noteId"|"url": "...", "source"?: {...}}}. Anything else (empty, not that JSON, too long) is an
 * invalid entry with the reason, never an exception: a bad message must not hold up its partition.
 */
record Request(RawEntry entry, JsonNode source) {

    /** Far above any note link or share text; a longer message is refused without being parsed. */
    static final int MAX_CHARS = 64 * 1024;

    static Request parse(String value, long offset) {
        if (value == null || value.isBlank()) {
            return invalid(offset, "", "empty message: expected a note ID, a note link, a share text or "
                    + "{\"noteId\": \"...\"}");
        }
        if (value.length() > MAX_CHARS) {
            return invalid(offset, value, "message of " + value.length() + " characters is too long for a note request "
                    + "(at most " + MAX_CHARS + ")");
        }
        String text = value.strip();
        if (!text.startsWith("{")) {
            // A share text pasted with its line breaks is still one entry.
            return new Request(RawEntry.ok(offset, text.replaceAll("\\s*[\\r\\n]+\\s*", " ")), null);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return invalid(offset, text, "message starts with '{' but is not JSON: expected {\"noteId\": \"...\"} or "
                    + "{\"url\": \"...\"}");
        }
        JsonNode id = json.get("noteId");
        JsonNode url = json.get("url");
        JsonNode named = id != null && !id.isNull() ? id : url;
        if (named == null || !named.isTextual() || named.asText().isBlank()) {
            return invalid(offset, text, "JSON message without a \"noteId\" or \"url\" string");
        }
        JsonNode source = json.get("source");
        if (source != null && !source.isNull() && !source.isObject()) {
            return invalid(offset, text, "\"source\" must be a JSON object");
        }
        return new Request(RawEntry.ok(offset, named.asText().strip()), source == null || source.isNull() ? null : source);
    }

    private static Request invalid(long offset, String preview, String problem) {
        return new Request(RawEntry.bad(offset, preview, problem), null);
    }
}
