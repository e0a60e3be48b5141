package xhsnoterouter.simulator;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.node.ArrayNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Decides each request's answer on arrival and sends it {@code latency} after that from a timer ({@link Dispatcher}),
 * so a slow simulated API costs no thread per request. Serves the note-detail paths (V1, and V6 with the video:
 * {@link NoteDetailV6}) and the share-link path ({@link ShareLinks}) alike: same token rule, same rate limit (one
 * budget for all), same latency, same seeded faults. A success links to media on the simulator's own
 * {@code /media/} path ({@link MediaHandler}), signed at the moment it is decided.
 */
final class NoteDetailHandler implements HttpHandler {

    static final String PATH = "/api/xiaohongshu/get-note-detail/v1";
    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.simulator");

    private final SimulatorSettings settings;
    private final FaultPlan faults;
    private final Traffic traffic;
    private final Dispatcher dispatcher;
    private final RateLimit rateLimit;
    private final URI baseUrl;
    private final LongSupplier nowMillis;

    NoteDetailHandler(SimulatorSettings settings, FaultPlan faults, RateLimit rateLimit, Traffic traffic,
                      Dispatcher dispatcher, URI baseUrl, LongSupplier nowMillis) {
        this.settings = settings;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.traffic = traffic;
        this.dispatcher = dispatcher;
        this.baseUrl = baseUrl;
        this.nowMillis = nowMillis;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long arrivedAt = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        if (!PATH.equals(path) && !NoteDetailV6.PATH.equals(path) && !ShareLinks.PATH.equals(path)) {
            Dispatcher.send(exchange, Reply.apiCode(404));
            return;
        }
        traffic.arrived(exchange, arrivedAt);
        Reply reply;
        try {
            reply = decide(exchange);
        } catch (RuntimeException e) {
            // Never the query in the log: it carries the token.
            LOG.warn("Simulator failed to build an answer for {}: {}", path, e.toString());
            reply = Reply.apiCode(500);
        }
        dispatcher.dispatch(exchange, reply, arrivedAt);
    }

    private Reply decide(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Reply.apiCode(400);
        }
        Map<String, String> query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        String token = query.get("token");
        if (token == null || token.isBlank()) {
            return Reply.apiCode(100);
        }
        if (!rateLimit.admit()) {
            traffic.rateLimited();
            return Reply.apiCode(302);
        }
        if (ShareLinks.PATH.equals(exchange.getRequestURI().getPath())) {
            return resolve(query.get("shareUrl"));
        }
        Optional<String> noteId = NoteIdParam.parse(query.get("noteId"));
        if (noteId.isEmpty()) {
            return Reply.apiCode(400);
        }
        String id = noteId.get();
        boolean v6 = NoteDetailV6.PATH.equals(exchange.getRequestURI().getPath());
        int attempt = v6 ? traffic.nextV6Attempt(id) : traffic.nextAttempt(id);
        Fault fault = faults.pick(Draws.uniform(v6 ? settings.seed() ^ NoteDetailV6.FAULT_SALT : settings.seed(), id, attempt));
        if (fault != null) {
            return Reply.forFault(fault);
        }
        MediaUrls urls = new MediaUrls(baseUrl, nowMillis.getAsLong() / 1000);
        if (v6) {
            // The counts of the latest V1 answer: a V6 call does not make engagement grow.
            ArrayNode v1 = NoteContent.dataFor(id, Math.max(0, traffic.answersFor(id) - 1), urls,
                    settings.imagesPerNote());
            return Reply.body(200, Reply.JSON, Envelope.success(NoteDetailV6.dataFor(id, v1, urls)));
        }
        return Reply.body(200, Reply.JSON, Envelope.success(NoteContent.dataFor(id, traffic.nextAnswer(id), urls,
                settings.imagesPerNote())));
    }

    private Reply resolve(String shareUrl) {
        Optional<String> code = ShareLinks.code(shareUrl);
        if (code.isEmpty()) {
            return Reply.apiCode(400);
        }
        String id = ShareLinks.noteIdOfCode(code.get());
        int attempt = traffic.nextLinkAttempt(id);
        Fault fault = faults.pick(Draws.uniform(settings.seed() ^ ShareLinks.FAULT_SALT, id, attempt));
        if (fault != null) {
            return Reply.forFault(fault);
        }
        return Reply.body(200, Reply.JSON, Envelope.success(ShareLinks.dataFor(code.get(), id)));
    }
}
