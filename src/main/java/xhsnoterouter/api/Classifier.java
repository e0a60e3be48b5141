package xhsnoterouter.api;

import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;
import xhsnoterouter.api.Verdict.Kind;
import xhsnoterouter.ingest.EntryParser;
import xhsnoterouter.ingest.NoteId;

/** The outcome table of SPEC §6 as code: one API answer in, one {@link Verdict} out. Knows nothing of Camel. */
public final class Classifier {

    private static final int MESSAGE_LIMIT = 500;

    private final UnaryOperator<String> mask;

    /** @param mask hides the token in any text the API sends back (an echoed URL, a message) */
    public Classifier(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    /** A classifier for answers known to hold no secret (tests). */
    public Classifier() {
        this(UnaryOperator.identity());
    }

    public Verdict classify(ApiResponse answer) {
        if (!answer.arrived()) {
            return new Verdict(Kind.RETRY, null, null, null, mask.apply(answer.detail()), null);
        }
        int status = answer.httpStatus();
        JsonNode body = parseEnvelope(answer.body());
        if (body == null) {
            String what = answer.body() == null || answer.body().length == 0 ? "an empty body" : "a body that is not the API's JSON";
            return new Verdict(Kind.RETRY, null, null, status, "HTTP " + status + " with " + what, null);
        }
        String message = mask.apply(message(body));
        if (!body.get("code").canConvertToInt()) {
            return new Verdict(Kind.FAILED, Reason.UNEXPECTED_CODE, null, status,
                    "code " + body.get("code").asText() + (message == null ? "" : ": " + message), body);
        }
        int code = body.get("code").asInt();
        return switch (code) {
            case 0 -> hasNote(body)
                    ? new Verdict(Kind.FETCHED, null, 0, status, message, body)
                    : new Verdict(Kind.NOT_FOUND, Reason.NOT_FOUND, 0, status, orElse(message, "code 0 without a note"), body);
            case 201 -> new Verdict(Kind.NOT_FOUND, Reason.NOT_FOUND, code, status, orElse(message, "no content"), body);
            case 301, 302, 500, 503 -> new Verdict(Kind.RETRY, null, code, status, orElse(message, describe(code)), body);
            case 400 -> new Verdict(Kind.FAILED, Reason.INVALID_PARAMS, code, status, orElse(message, "invalid parameters"), body);
            case 100 -> stop(Reason.INVALID_TOKEN, code, status, message, body);
            case 600 -> stop(Reason.PERMISSION_DENIED, code, status, message, body);
            case 601 -> stop(Reason.INSUFFICIENT_BALANCE, code, status, message, body);
            case 602 -> stop(Reason.TOKEN_SPENDING_CAP, code, status, message, body);
            case 303 -> stop(Reason.DAILY_QUOTA_EXCEEDED, code, status, message, body);
            default -> new Verdict(Kind.FAILED, Reason.UNEXPECTED_CODE, code, status,
                    orElse(message, "unexpected code " + code), body);
        };
    }

    /**
     * The same table for the share-link endpoint, except what tells whether the link leads to a note: code 0 whose
     * {@code data.redirect_url} holds a note link is FETCHED (read the ID with {@link #linkTarget}); code 0 without
     * one, or "no content" (201, and 404 for this endpoint), fails with {@link Reason#UNRESOLVED_LINK}.
     */
    public Verdict classifyLink(ApiResponse answer) {
        Verdict verdict = classify(answer);
        Integer code = verdict.code();
        if (code == null || verdict.response() == null) {
            return verdict;
        }
        JsonNode body = verdict.response();
        String said = orElse(mask.apply(message(body)), describe(code));
        if (code == 201 || code == 404) {
            return new Verdict(Kind.FAILED, Reason.UNRESOLVED_LINK, code, verdict.httpStatus(),
                    "the API found nothing behind the link (code " + code + ": " + said + ")", body);
        }
        if (code != 0) {
            return verdict;
        }
        JsonNode redirect = body.path("data").path("redirect_url");
        if (!redirect.isTextual() || redirect.asText().isBlank()) {
            return new Verdict(Kind.FAILED, Reason.UNRESOLVED_LINK, 0, verdict.httpStatus(),
                    "code 0 without data.redirect_url (" + said + "): the link leads to no note", body);
        }
        if (linkTarget(body).isEmpty()) {
            return new Verdict(Kind.FAILED, Reason.UNRESOLVED_LINK, 0, verdict.httpStatus(), "the link leads to "
                    + shorten(mask.apply(redirect.asText())) + ", which is not a note (deleted, private or another kind "
                    + "of page)", body);
        }
        return new Verdict(Kind.FETCHED, null, 0, verdict.httpStatus(), said, body);
    }

    /** The note ID in a share-link answer's {@code data.redirect_url}, read like a note link in an input file. */
    public static Optional<NoteId> linkTarget(JsonNode body) {
        JsonNode redirect = body == null ? null : body.path("data").path("redirect_url");
        if (redirect == null || !redirect.isTextual()) {
            return Optional.empty();
        }
        return Optional.ofNullable(EntryParser.parse(redirect.asText()).noteId());
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Verdict stop(Reason reason, int code, int status, String message, JsonNode body) {
        return new Verdict(Kind.ACCOUNT_STOP, reason, code, status, orElse(message, describe(code)), body);
    }

    /** The body as the API's envelope, or null when it is not JSON or has no integer {@code code}. */
    private static JsonNode parseEnvelope(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node != null && node.isObject() && node.path("code").isIntegralNumber()) {
                return node;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean hasNote(JsonNode body) {
        JsonNode note = body.path("data").path(0).path("note_list").path(0);
        return note.isObject();
    }

    private static String message(JsonNode body) {
        JsonNode m = body.get("message");
        if (m == null || m.isNull()) {
            return null;
        }
        String text = m.asText();
        return text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) + "…" : text;
    }

    private static String orElse(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }

    static String describe(int code) {
        return switch (code) {
            case 100 -> "invalid or inactive token";
            case 301 -> "collection failed, retry";
            case 302 -> "rate limit exceeded";
            case 303 -> "daily quota exceeded";
            case 500 -> "internal error";
            case 503 -> "service unavailable";
            case 600 -> "permission denied";
            case 601 -> "insufficient balance";
            case 602 -> "token spending cap reached";
            default -> "code " + code;
        };
    }
}
