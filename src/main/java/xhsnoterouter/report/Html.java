package xhsnoterouter.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Escaping and the number and time formats of the page; all times in UTC, as the data stores them. Written out
 * by hand rather than with String.format and DateTimeFormatter: a page has tens of thousands of them, and those
 * cost ten times more (most of a first rebuild in a fresh JVM).
 */
final class Html {

    private Html() {
    }

    /** Text safe inside an element or a quoted attribute; control characters (bar tab and line breaks) dropped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * One segment of a relative URL path: RFC 3986's unreserved characters as they are, every other byte of its
     * UTF-8 as {@code %XX} (so "/", "?", "#", "%" and spaces cannot change what the link points at).
     */
    static String pathSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** 12345 → "12,345"; unknown → "–". */
    static String count(Long count) {
        return count == null ? "–" : count((long) count);
    }

    static String count(long count) {
        String digits = Long.toString(count);
        int sign = count < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + length / 3);
        int group = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, 0, sign + group);
        for (int i = sign + group; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** A change with its sign: "+1,200", "−3", "0"; unknown → "–". */
    static String delta(Long delta) {
        if (delta == null) {
            return "–";
        }
        if (delta == 0) {
            return "0";
        }
        return (delta > 0 ? "+" : "−") + count(Math.abs(delta));
    }

    /** Axis labels: 950, 9,500, 95k, 1.2M. */
    static String compact(long value) {
        long abs = Math.abs(value);
        if (abs < 10_000) {
            return count(value);
        }
        return abs < 1_000_000 ? tenths(value / 100) + "k" : tenths(value / 100_000) + "M";
    }

    /** "2026-11-27 20:15 UTC"; unknown → "–". */
    static String time(Instant instant) {
        return instant == null ? "–" : day(instant) + " " + clock(utc(instant)) + " UTC";
    }

    /** "2026-11-27". */
    static String day(Instant instant) {
        LocalDateTime t = utc(instant);
        StringBuilder out = new StringBuilder(10).append(t.getYear()).append('-');
        return two(two(out, t.getMonthValue()).append('-'), t.getDayOfMonth()).toString();
    }

    /** "11-27 20:15". */
    static String dayTime(Instant instant) {
        LocalDateTime t = utc(instant);
        return two(two(new StringBuilder(11), t.getMonthValue()).append('-'), t.getDayOfMonth()).append(' ').append(clock(t)).toString();
    }

    /** "45 s", "20 min", "3 h 20 min", "2 d 4 h". */
    static String span(Duration span) {
        long seconds = Math.max(0, span.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** The first {@code limit} characters and "…" (a surrogate pair is not split); null stays null. */
    static String shorten(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + "…";
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    private static String clock(LocalDateTime t) {
        return two(two(new StringBuilder(5), t.getHour()).append(':'), t.getMinute()).toString();
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** 123 tenths → "12.3"; 120 → "12"; from 1,000 tenths on without the decimal. */
    private static String tenths(long tenths) {
        long abs = Math.abs(tenths);
        if (abs >= 1000 || abs % 10 == 0) {
            return Long.toString(Math.round(tenths / 10.0));
        }
        return (tenths < 0 ? "-" : "") + abs / 10 + "." + abs % 10;
    }
}
