package xhsnoterouter.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /media/<noteId>/<name>?sign=..&t=..}: the files the simulator's answers link to ({@link NoteMedia}),
 * playing the vendor's CDN. No token and no rate limit; the same latency as the API, and of the seeded faults those
 * a download can meet: 500 and 503 (and http502) as plain server errors, timeout and reset. The API's own codes
 * (301, 302, 201, 100 …), malformed and http429 do not apply, so such a draw answers normally. A link without
 * {@code sign}, with a wrong one or with {@code t} over an hour old is refused 403, as an expired CDN signature is.
 */
final class MediaHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.simulator");
    /** Keeps a file's fault draws apart from the API's draws for its note. */
    private static final long FAULT_SALT = 0x6D65646961000002L;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String XML = "application/xml";

    private final SimulatorSettings settings;
    private final FaultPlan faults;
    private final Traffic traffic;
    private final Dispatcher dispatcher;
    private final LongSupplier nowMillis;

    MediaHandler(SimulatorSettings settings, FaultPlan faults, Traffic traffic, Dispatcher dispatcher,
                 LongSupplier nowMillis) {
        this.settings = settings;
        this.faults = faults;
        this.traffic = traffic;
        this.dispatcher = dispatcher;
        this.nowMillis = nowMillis;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long arrivedAt = System.nanoTime();
        traffic.mediaArrived(exchange);
        Reply reply;
        try {
            reply = decide(exchange);
        } catch (RuntimeException e) {
            LOG.warn("Simulator failed to serve {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
            reply = text(500, "Internal Server Error");
        }
        dispatcher.dispatch(exchange, reply, arrivedAt);
    }

    private Reply decide(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return text(405, "Method Not Allowed");
        }
        String path = exchange.getRequestURI().getRawPath();
        String[] parts = path.substring(MediaUrls.PREFIX.length()).split("/", -1);
        if (parts.length != 2 || !MediaUrls.NOTE_ID.matcher(parts[0]).matches()
                || !NoteContent.media(parts[0], settings.imagesPerNote()).has(parts[1])) {
            return text(404, "Not Found");
        }
        int request = traffic.nextMediaRequest(path);
        Map<String, String> query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        if (!signed(path, query)) {
            return ACCESS_DENIED;
        }
        Fault fault = faults.pick(Draws.uniform(settings.seed() ^ FAULT_SALT, path, request));
        Reply failure = fault == null ? null : forFault(fault);
        if (failure != null) {
            return failure;
        }
        return Reply.body(200, MediaFiles.contentType(parts[1]), MediaFiles.body(parts[0], parts[1]));
    }

    private boolean signed(String path, Map<String, String> query) {
        String sign = query.get("sign");
        long t;
        try {
            t = Long.parseLong(query.getOrDefault("t", ""));
        } catch (NumberFormatException e) {
            return false;
        }
        return sign != null && sign.equals(MediaUrls.sign(path, t))
                && t >= nowMillis.getAsLong() / 1000 - MediaUrls.MAX_AGE_SECONDS;
    }

    /** The faults a download can meet; null for the others (answered normally). */
    private static Reply forFault(Fault fault) {
        return switch (fault.kind()) {
            case API_CODE -> fault.code() == 500 || fault.code() == 503
                    ? text(fault.code(), fault.code() == 500 ? "Internal Server Error" : "Service Unavailable") : null;
            case TIMEOUT, RESET, HTTP502 -> Reply.forFault(fault);
            case MALFORMED, HTTP429 -> null;
        };
    }

    private static Reply text(int status, String message) {
        return Reply.body(status, TEXT, (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    // What an object store behind a CDN says for an expired or forged signature.
    private static final Reply ACCESS_DENIED = Reply.body(403, XML, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>AccessDenied</Code><Message>Request has expired or the signature does not match"
            + "</Message></Error>\n").getBytes(StandardCharsets.UTF_8));
}
