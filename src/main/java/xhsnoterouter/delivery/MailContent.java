package xhsnoterouter.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mail for one event: a subject, a plain-text part and an HTML part, made from the event body. A report
 * becomes a table. Text that came from notes or file names never brings a line break into the subject.
 */
public record MailContent(String subject, String text, String html) {

    static final String PREFIX = "[xhs-note-router] ";
    private static final int SUBJECT_LIMIT = 200;

    public static MailContent of(Event event) {
        JsonNode body = event.json();
        return switch (event.type()) {
            case BATCH_COMPLETED -> batch(body.path("report"));
            case API_PAUSED -> paused(body);
            case API_RESUMED -> resumed(body);
            case NOTE_FETCHED -> fetched(body.path("record"));
            case NOTE_FAILED -> failed(body.path("failure"));
        };
    }

    private static MailContent batch(JsonNode r) {
        long notFetched = r.path("failed").asLong() + r.path("notFound").asLong() + r.path("invalid").asLong();
        long pending = r.path("pending").asLong();
        String subject = r.path("file").asText("?") + ": " + r.path("fetched").asLong() + " fetched, " + notFetched
                + " failed" + (pending > 0 ? ", " + pending + " pending" : "");
        Map<String, String> rows = new LinkedHashMap<>();
        for (String[] field : new String[][] {
                {"entries", "Entries"}, {"fetched", "Fetched"}, {"notFound", "Not found"}, {"failed", "Failed"},
                {"invalid", "Invalid"}, {"duplicates", "Duplicates"}, {"alreadyFetched", "Already fetched"},
                {"pending", "Pending"}, {"apiCalls", "API calls"}, {"notesPerSecond", "Notes per second"}}) {
            rows.put(field[1], r.path(field[0]).asText(""));
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        r.path("byReason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asText()));
        List<String> notes = new ArrayList<>();
        notes.add("Started " + r.path("startedAt").asText("?") + ", finished " + r.path("finishedAt").asText("?") + " (UTC).");
        JsonNode stop = r.path("accountStop");
        if (stop.isObject()) {
            notes.add("The API account stopped during this file: " + stop.path("reason").asText() + " (code "
                    + stop.path("code").asText() + "). The pending notes are fetched when it works again.");
        }
        notes.add("Failed and not-found notes have a file each in outbox/failed/; the full report is in outbox/reports/.");
        String title = "Batch " + r.path("file").asText("?") + " is done";
        return build(subject, title, rows, reasons, notes);
    }

    private static MailContent paused(JsonNode b) {
        String reason = b.path("reason").asText("?");
        String code = b.path("code").isNumber() ? " (code " + b.path("code").asText() + ")" : "";
        String subject = "API paused: " + reason + code + ", " + b.path("pending").asLong() + " notes pending";
        Map<String, String> rows = accountRows(b, "Next try");
        List<String> notes = List.of(
                "No more API calls are made: every further call would fail the same way.",
                "Untried notes are kept pending in the state folder; nothing is lost.",
                whatToDo(reason));
        return build(subject, "The API account stopped: " + reason, rows, Map.of(), notes);
    }

    private static MailContent resumed(JsonNode b) {
        String reason = b.path("reason").asText("?");
        String subject = "API resumed after " + reason + ", " + b.path("pending").asLong() + " notes pending";
        return build(subject, "The API account works again", accountRows(b, "Resumed at"), Map.of(),
                List.of("Pending notes are being fetched now."));
    }

    private static Map<String, String> accountRows(JsonNode b, String whenLabel) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Reason", b.path("reason").asText(""));
        rows.put("Code", b.path("code").asText(""));
        rows.put("Message", b.path("message").asText(""));
        rows.put("Notes pending", b.path("pending").asText(""));
        rows.put(whenLabel, b.path("resumeAt").asText(""));
        rows.put("Raised at", b.path("occurredAt").asText(""));
        return rows;
    }

    private static String whatToDo(String reason) {
        return switch (reason) {
            case "DAILY_QUOTA_EXCEEDED" -> "Calls resume by themselves after 00:00 Asia/Shanghai.";
            case "INSUFFICIENT_BALANCE" -> "Top up the account; calls resume after the next hourly check, or at a restart.";
            case "TOKEN_SPENDING_CAP" -> "Raise the token's spending cap; calls resume after the next hourly check, or at a restart.";
            case "INVALID_TOKEN" -> "Check JUSTONEAPI_TOKEN; calls resume after the next hourly check, or at a restart.";
            case "OUTBOX_UNWRITABLE" -> "Free disk space or fix the outbox folder's permissions; processing resumes by "
                    + "itself within seconds once it can be written.";
            default -> "Calls resume after the next hourly check succeeds, or at a restart.";
        };
    }

    private static MailContent fetched(JsonNode r) {
        String id = r.path("noteId").asText("?");
        String title = r.path("title").asText("");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Note", r.path("url").asText(id));
        rows.put("Title", title);
        rows.put("Author", r.path("author").path("nickname").asText(""));
        rows.put("Published", r.path("publishedAt").asText(""));
        rows.put("Likes", r.path("likes").asText(""));
        rows.put("Collects", r.path("collects").asText(""));
        rows.put("Comments", r.path("comments").asText(""));
        rows.put("Shares", r.path("shares").asText(""));
        rows.put("From", r.path("source").path("file").asText("") + " line " + r.path("source").path("line").asText(""));
        return build("fetched " + id + (title.isEmpty() ? "" : ": " + title), "Note " + id + " fetched", rows, Map.of(),
                List.of());
    }

    private static MailContent failed(JsonNode f) {
        String id = f.path("noteId").isTextual() ? f.path("noteId").asText() : f.path("input").asText("?");
        Map<String, String> rows = new LinkedHashMap<>();
        for (String key : new String[] {"input", "noteId", "reason", "code", "httpStatus", "message", "attempts",
                "lastAttemptAt"}) {
            rows.put(key, f.path(key).isNull() ? "" : f.path(key).asText(""));
        }
        rows.put("source", f.path("source").path("file").asText("") + " line " + f.path("source").path("line").asText(""));
        return build("not fetched " + id + ": " + f.path("reason").asText("?"), "Note not fetched", rows, Map.of(),
                List.of());
    }

    private static MailContent build(String subject, String title, Map<String, String> rows, Map<String, String> reasons,
                                     List<String> notes) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        rows.forEach((k, v) -> text.append("  ").append(pad(k, width)).append("  ").append(v).append('\n'));
        if (!reasons.isEmpty()) {
            text.append("\nBy reason:\n");
            reasons.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        for (String note : notes) {
            text.append('\n').append(note).append('\n');
        }

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                + "<body style=\"font-family:sans-serif\"><h2>").append(escape(title)).append("</h2>");
        html.append(table(rows));
        if (!reasons.isEmpty()) {
            html.append("<h3>By reason</h3>").append(table(reasons));
        }
        for (String note : notes) {
            html.append("<p>").append(escape(note)).append("</p>");
        }
        html.append("</body></html>");
        return new MailContent(oneLine(PREFIX + subject), text.toString(), html.toString());
    }

    private static String table(Map<String, String> rows) {
        StringBuilder t = new StringBuilder("<table style=\"border-collapse:collapse\">");
        rows.forEach((k, v) -> t.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">").append(escape(k))
                .append("</th><td style=\"text-align:right;padding:2px 0\">").append(escape(v)).append("</td></tr>"));
        return t.append("</table>").toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** One line for a mail header: line breaks and other control characters become spaces. */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean breakLike = Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85
                    || Character.getType(c) == Character.FORMAT;
            out.appendCodePoint(breakLike ? ' ' : c);
        });
        String line = out.toString().replaceAll(" {2,}", " ").trim();
        return line.length() <= SUBJECT_LIMIT ? line : line.substring(0, SUBJECT_LIMIT - 1) + "…";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
