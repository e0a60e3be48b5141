package xhsnoterouter.report;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Field values read with Jackson's streaming parser: a value of the wrong kind is null, never an error. */
final class JsonFields {

    private JsonFields() {
    }

    /** A whole number, or null for null, a string, a fraction or a number too large for a long. */
    static Long count(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return json.getLongValue();
        }
        json.skipChildren();
        return null;
    }

    static String text(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        json.skipChildren();
        return null;
    }

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** An ISO-8601 instant, or null for anything else. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        Instant written = utc(text);
        if (written != null) {
            return written;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The form the app writes ({@code 2026-11-27T20:15:00.123Z}, {@link Instant#toString()}) read without the
     * general parser, which costs ten times more on every line of a large file; null for any other form.
     */
    private static Instant utc(String t) {
        int n = t.length();
        int fraction = n - 21;
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z' || (n > 20 && (t.charAt(19) != '.' || fraction < 1))) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = n > 20 ? digits(t, 20, n - 1) : 0;
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, n > 20 ? nanos * NANOS_PER_DIGIT[fraction] : 0)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
