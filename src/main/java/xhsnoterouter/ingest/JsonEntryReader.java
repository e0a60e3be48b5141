package xhsnoterouter.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import xhsnoterouter.Json;

/**
 * {@code .json}: a top-level array of strings or of objects with a note ID or link, streamed token by token.
 * After a syntax error nothing further can be trusted, so it is reported once and the file ends there.
 */
final class JsonEntryReader extends AbstractEntryReader {

    /** Keys that hold the entry, in order of preference. */
    private static final String[] KEYS = {"noteId", "note_id", "url", "link"};
    private static final int MAX = EntryReaders.MAX_ENTRY_BYTES;
    private static final String EXPECTED = ", expected a string or an object with noteId or url";

    private final LongTokenGuard guard;
    private JsonParser parser;
    private boolean ended;

    JsonEntryReader(ByteSource in) {
        super(in);
        this.guard = new LongTokenGuard(in, MAX);
    }

    @Override
    protected RawEntry readNext() throws IOException {
        if (ended) {
            return null;
        }
        try {
            if (parser == null) {
                parser = Json.MAPPER.getFactory().createParser(guard);
                JsonToken first = parser.nextToken();
                if (first == null) {
                    ended = true;
                    return null;
                }
                if (first != JsonToken.START_ARRAY) {
                    ended = true;
                    return RawEntry.bad(tokenLine(), "",
                            "expected a JSON array of note IDs or links, found " + kind(first));
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                ended = true;
                if (token != null && parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    return RawEntry.bad(at.getLineNr(), "", notValid(at, "more content after the end of the array"));
                }
                return null;
            }
            long line = tokenLine();
            return switch (token) {
                case VALUE_STRING -> fromString(line);
                case START_OBJECT -> fromObject(line);
                default -> {
                    String preview = token.isScalarValue() ? parser.getText() : "";
                    parser.skipChildren();
                    yield RawEntry.bad(line, preview, "JSON element is " + kind(token) + EXPECTED);
                }
            };
        } catch (JsonProcessingException e) {
            ended = true;
            JsonLocation at = e.getLocation() != null ? e.getLocation()
                    : parser != null ? parser.currentLocation() : JsonLocation.NA;
            return RawEntry.bad(Math.max(1, at.getLineNr()), "", notValid(at, reason(e)));
        }
    }

    private RawEntry fromString(long line) throws IOException {
        String text = parser.getText();
        String tooLong = tooLong();
        if (tooLong != null) {
            return RawEntry.bad(line, text, tooLong);
        }
        text = text.strip();
        return text.isEmpty() ? RawEntry.bad(line, "", "JSON element is an empty string") : RawEntry.ok(line, text);
    }

    private RawEntry fromObject(long line) throws IOException {
        String[] values = new String[KEYS.length];
        String[] problems = new String[KEYS.length];
        String[] previews = new String[KEYS.length];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int key = keyIndex(parser.currentName());
            JsonToken value = parser.nextToken();
            if (key < 0 || value == JsonToken.VALUE_NULL) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                problems[key] = tooLong();
                previews[key] = text;
                values[key] = problems[key] == null ? text.strip() : null;
            } else {
                problems[key] = "JSON object's " + KEYS[key] + " is " + kind(value) + ", expected a string";
                previews[key] = value.isScalarValue() ? parser.getText() : "";
                parser.skipChildren();
            }
        }
        String empty = null;
        for (int i = 0; i < KEYS.length; i++) {
            if (problems[i] != null) {
                return RawEntry.bad(line, previews[i], problems[i]);
            }
            if (values[i] != null && !values[i].isEmpty()) {
                return RawEntry.ok(line, values[i]);
            }
            if (values[i] != null && empty == null) {
                empty = KEYS[i];
            }
        }
        return RawEntry.bad(line, "", empty != null ? "JSON object has an empty " + empty : "JSON object has no noteId or url");
    }

    /** The problem for the current string token if the guard had to cut it, else null. */
    private String tooLong() {
        Long length = guard.cutLength(parser.currentTokenLocation().getByteOffset());
        return length == null ? null : "value is " + length + " bytes long; the limit is " + MAX;
    }

    private static int keyIndex(String name) {
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private long tokenLine() {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String notValid(JsonLocation at, String reason) {
        return "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + reason;
    }

    /** Jackson's message without the parts meant for developers (source description, constraint getter names). */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof StreamConstraintsException && message.startsWith("Number value length")) {
            return "number is too long";
        }
        int cut = message.indexOf('\n');
        message = cut >= 0 ? message.substring(0, cut) : message;
        cut = message.indexOf(" (start marker at");
        message = cut >= 0 ? message.substring(0, cut) : message;
        message = message.replaceAll(", from `[^`]*`", "");
        return Utf8.shorten(message.strip());
    }

    @Override
    protected long currentLine() {
        return parser == null ? 1 : parser.currentLocation().getLineNr();
    }

    @Override
    public void close() throws IOException {
        try {
            if (parser != null) {
                parser.close();
            }
        } finally {
            super.close();
        }
    }
}
