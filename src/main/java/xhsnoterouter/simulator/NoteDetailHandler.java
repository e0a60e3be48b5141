package xhsnoterouter.simulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Decides each request's answer on arrival and sends it {@code latency} after that from a timer, so a slow
 * simulated API costs no thread per request. Serves the note-detail path and the share-link path
 * ({@link ShareLinks}) alike: same token rule, same rate limit (one budget for both), same latency, same seeded faults.
 */
final class NoteDetailHandler implements HttpHandler {

    static final String PATH = "/api/xiaohongshu/get-note-detail/v1";
    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.simulator");
    // A held (timeout) exchange is dropped after this, so long runs do not pile up sockets whose
    // clients gave up long ago; far beyond any sensible client timeout.
    private static final long HOLD_LIMIT_SECONDS = 300;

    private final SimulatorSettings settings;
    private final FaultPlan faults;
    private final Traffic traffic;
    private final ScheduledExecutorService timer;
    private final RateLimit rateLimit;
    private final long latencyNanos;

    NoteDetailHandler(SimulatorSettings settings, FaultPlan faults, RateLimit rateLimit, Traffic traffic,
                      ScheduledExecutorService timer) {
        this.settings = settings;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.traffic = traffic;
        this.timer = timer;
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(settings.latencyMs());
    }

    @Override
    public void handle(HttpExchange exchange) {
        long arrivedAt = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        if (!PATH.equals(path) && !ShareLinks.PATH.equals(path)) {
            send(exchange, Reply.apiCode(404));
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
        dispatch(exchange, reply, arrivedAt);
    }

    private Reply decide(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Reply.apiCode(400);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
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
        int attempt = traffic.nextAttempt(id);
        Fault fault = faults.pick(Draws.uniform(settings.seed(), id, attempt));
        if (fault != null) {
            return Reply.forFault(fault);
        }
        return Reply.body(200, Reply.JSON, Envelope.success(NoteContent.dataFor(id, traffic.nextAnswer(id))));
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

    private void dispatch(HttpExchange exchange, Reply reply, long arrivedAt) {
        try {
            if (reply.holds()) {
                timer.schedule(() -> release(exchange), HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
                return;
            }
            long wait = latencyNanos - (System.nanoTime() - arrivedAt);
            if (wait <= 0) {
                answer(exchange, reply);
            } else {
                timer.schedule(() -> answer(exchange, reply), wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException closing) {
            release(exchange);
        }
    }

    private void answer(HttpExchange exchange, Reply reply) {
        if (!traffic.answered(exchange)) {
            return;
        }
        send(exchange, reply);
    }

    private void release(HttpExchange exchange) {
        if (traffic.answered(exchange)) {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) {
        try {
            reply.sendTo(exchange);
        } catch (IOException clientGone) {
            // The client hung up first; nothing to tell it.
        } finally {
            exchange.close();
        }
    }

    /** First value of each parameter, decoded; a malformed escape leaves the parameter out. */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // treated as absent, which the API answers with 400 (or 100 for the token)
            }
        }
        return params;
    }
}
