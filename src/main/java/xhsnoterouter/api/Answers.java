package xhsnoterouter.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.core5.http.NoHttpResponseException;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.ingest.EntryParser;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.observe.Metrics;

/**
 * Reads what one camel-http call gave back into headers the routes' {@code choice} decides on: {@value #CODE} (the
 * body's integer {@code code}; absent when there was no JSON envelope: a transport failure, a broken body, an HTTP
 * 5xx page), {@value #HTTP_STATUS}, {@value #HAS_NOTE}, {@value #LINK_TARGET} and a token-free {@value #MESSAGE}.
 * The raw bytes are kept in property {@value #RAW_BODY}, to be archived exactly as received. Also tells the pace
 * and the metrics what came back; it decides nothing else: the routes do.
 */
public final class Answers {

    public static final String CODE = "XnrCode";
    public static final String HTTP_STATUS = "XnrHttpStatus";
    public static final String HAS_NOTE = "XnrHasNote";
    public static final String LINK_TARGET = "XnrLinkTarget";
    public static final String MESSAGE = "XnrMessage";
    public static final String RAW_BODY = "XnrRawBody";
    private static final String TRANSPORT = "XnrTransportFailure";
    static final List<String> HEADERS = List.of(CODE, HTTP_STATUS, HAS_NOTE, LINK_TARGET, MESSAGE);
    private static final int MESSAGE_LIMIT = 500;

    private final UnaryOperator<String> mask;
    private final String host;
    private final WholeRequestDeadline deadline;
    private final RateGate rate;
    private final Metrics metrics;

    /** @param mask hides the token in any text the API sends back (an echoed URL, a message) */
    public Answers(UnaryOperator<String> mask, String host, WholeRequestDeadline deadline, RateGate rate,
                   Metrics metrics) {
        this.mask = mask;
        this.host = host;
        this.deadline = deadline;
        this.rate = rate;
        this.metrics = metrics;
    }

    /** Right after the call: the body as bytes (kept for the archive), the HTTP status. */
    public void received(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] raw = message.getBody(byte[].class);
        exchange.setProperty(RAW_BODY, raw == null ? new byte[0] : raw);
        message.setBody(raw);
        message.setHeader(HTTP_STATUS, message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
    }

    /** The body could not be unmarshalled: not JSON (or cut short). */
    public void notJson(Exchange exchange) {
        exchange.getMessage().setBody(null);
    }

    /** No answer at all: refused, reset, timed out. Caught by the route's {@code doCatch}. */
    public void transportFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.setProperty(TRANSPORT, describe(cause));
        exchange.removeProperty(RAW_BODY);
        exchange.getMessage().setBody(null);
        exchange.getMessage().removeHeader(HTTP_STATUS);
    }

    /** The note-detail answer into headers; the body is the unmarshalled JSON (or null). */
    public void read(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(HAS_NOTE, false);
        JsonNode body = envelope(message.getBody());
        if (settledWithoutCode(exchange, body)) {
            return;
        }
        int code = body.get("code").asInt();
        boolean hasNote = body.path("data").path(0).path("note_list").path(0).isObject();
        message.setHeader(HAS_NOTE, hasNote);
        String said = said(body);
        String text;
        if (code == 0 && !hasNote) {
            text = orElse(said, "code 0 without a note");
        } else if (code == 201) {
            text = orElse(said, "no content");
        } else if (code == 400) {
            text = orElse(said, "invalid parameters");
        } else {
            text = orElse(said, describe(code));
        }
        settle(exchange, code, text);
    }

    /**
     * The share-link answer into headers: {@value #LINK_TARGET} is the note ID its {@code data.redirect_url} leads
     * to; when there is none, {@value #MESSAGE} says why (no redirect, a page that is not a note, no content).
     */
    public void readLink(Exchange exchange) {
        Message message = exchange.getMessage();
        JsonNode body = envelope(message.getBody());
        if (settledWithoutCode(exchange, body)) {
            return;
        }
        int code = body.get("code").asInt();
        String said = orElse(said(body), describe(code));
        JsonNode redirect = body.path("data").path("redirect_url");
        Optional<NoteId> target = linkTarget(body);
        String text = said;
        if (code == 201 || code == 404) {
            text = "the API found nothing behind the link (code " + code + ": " + said + ")";
        } else if (code == 0 && (!redirect.isTextual() || redirect.asText().isBlank())) {
            text = "code 0 without data.redirect_url (" + said + "): the link leads to no note";
        } else if (code == 0 && target.isEmpty()) {
            text = "the link leads to " + shorten(mask.apply(redirect.asText())) + ", which is not a note (deleted, "
                    + "private or another kind of page)";
        }
        target.ifPresent(id -> message.setHeader(LINK_TARGET, id.value()));
        settle(exchange, code, text);
    }

    /**
     * Settles an answer without an int code and says so: no JSON envelope (no {@value #CODE} at all), or a code no int
     * holds (2^32 would read as 0, success), whose text goes in {@value #CODE}: no {@code when} of the routes names
     * it, so it ends as an unexpected code, and the note's records keep no code.
     */
    private boolean settledWithoutCode(Exchange exchange, JsonNode body) {
        if (body == null) {
            settle(exchange, null, noEnvelope(exchange));
            return true;
        }
        if (body.get("code").canConvertToInt()) {
            return false;
        }
        String code = body.get("code").asText();
        settle(exchange, null, "code " + code + Optional.ofNullable(said(body)).map(m -> ": " + m).orElse(""));
        exchange.getMessage().setHeader(CODE, code);
        return true;
    }

    private void settle(Exchange exchange, Integer code, String text) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(HTTP_STATUS, Integer.class);
        message.setHeader(ApiCalls.CALL_MADE, true);
        message.removeHeader(Exchange.HTTP_RESPONSE_CODE);
        message.removeHeader(Exchange.HTTP_RESPONSE_TEXT);
        if (code != null) {
            message.setHeader(CODE, code);
        }
        message.setHeader(MESSAGE, text);
        metrics.apiCalled(code, status);
        if ((code != null && code == 302) || (code == null && status != null && status == 429)) {
            rate.rateLimited();
        } else {
            rate.accepted();
        }
    }

    /** The note ID in a share-link answer's {@code data.redirect_url}, read like a note link in an input file. */
    static Optional<NoteId> linkTarget(JsonNode body) {
        JsonNode redirect = body.path("data").path("redirect_url");
        return redirect.isTextual() ? Optional.ofNullable(EntryParser.parse(redirect.asText()).noteId()) : Optional.empty();
    }

    private String noEnvelope(Exchange exchange) {
        String transport = exchange.getProperty(TRANSPORT, String.class);
        if (transport != null) {
            return transport;
        }
        byte[] raw = exchange.getProperty(RAW_BODY, byte[].class);
        Integer status = exchange.getMessage().getHeader(HTTP_STATUS, Integer.class);
        return "HTTP " + status + " with " + (raw == null || raw.length == 0 ? "an empty body" : "a body that is not the API's JSON");
    }

    /** The API's JSON envelope: an object with an integer {@code code}; null for anything else. */
    private static JsonNode envelope(Object body) {
        return body instanceof JsonNode node && node.isObject() && node.path("code").isIntegralNumber() ? node : null;
    }

    private String said(JsonNode body) {
        JsonNode m = body.get("message");
        if (m == null || m.isNull()) {
            return null;
        }
        // masked before it is cut: a cut through the token would leave its start unmasked
        String text = mask.apply(m.asText());
        return text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) + "…" : text;
    }

    private String describe(Throwable cause) {
        String timedOut = "no complete response within " + deadline.timeout().toSeconds() + " s";
        if (deadline.expired() || has(cause, SocketTimeoutException.class)) {
            return timedOut;
        }
        if (has(cause, ConnectException.class)) {
            return "connection refused by " + host;
        }
        if (has(cause, NoHttpResponseException.class)) {
            return "connection dropped: the server closed it without an answer";
        }
        String text = mask.apply(String.valueOf(cause == null ? null : cause.getMessage()));
        if (has(cause, IOException.class)) {
            return "connection dropped: " + text;
        }
        return (cause == null ? "error" : cause.getClass().getSimpleName()) + ": " + text;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
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
