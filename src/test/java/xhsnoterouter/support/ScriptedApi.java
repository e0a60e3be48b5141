package xhsnoterouter.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that plays the Note Details endpoint from a script per note ID, and the
 * share-link endpoint from a script per short link, and records every request that reached it. Success bodies
 * are the vendor's real response ({@link #REFERENCE}).
 */
public final class ScriptedApi implements AutoCloseable {

    /** The vendor's real success response, copied into the repository (see src/test/resources/reference/README.md). */
    public static final Path REFERENCE = Path.of("src/test/resources/reference/sample-response-note-detail-v1.json");

    /** One scripted answer. */
    public sealed interface Answer permits Reply, Hold, Drop, Drip {
    }

    public record Reply(int status, String contentType, byte[] body) implements Answer {
    }

    /** Never answers: the client's timeout must fire. */
    public record Hold() implements Answer {
    }

    /** Sends the status line and the first bytes of a body, then nothing more: only a whole-request timeout ends it. */
    public record Drip() implements Answer {
    }

    /** Closes the connection without a response. */
    public record Drop() implements Answer {
    }

    private final HttpServer server;
    private static final String SHARE_URL_PATH = "/api/xiaohongshu/share-url-transfer/v1";
    private static final String V6_PATH = "/api/xiaohongshu/get-note-detail/v6";
    private final Map<String, Deque<Answer>> v6Scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> v6Counts = new ConcurrentHashMap<>();

    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> linkScripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> linkCounts = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> cookies = new CopyOnWriteArrayList<>();
    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    private volatile Answer fallback;

    private ScriptedApi() throws IOException {
        // Without it the JDK server delays each keep-alive answer by ~40 ms (Nagle); read once per JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        fallback = success();
        server.start();
    }

    private volatile long latencyMs;

    public static ScriptedApi start() throws IOException {
        return new ScriptedApi();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The answers for one note, in order; the last one repeats. */
    public ScriptedApi script(String noteId, Answer... answers) {
        scripts.put(noteId, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** The answers of Note Details V6 for one note, in order; the last one repeats. Unscripted: code 400. */
    public ScriptedApi scriptV6(String noteId, Answer... answers) {
        v6Scripts.put(noteId, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** V6 requests for this note (those of V1 are {@link #requestsFor}). */
    public int v6RequestsFor(String noteId) {
        AtomicInteger n = v6Counts.get(noteId);
        return n == null ? 0 : n.get();
    }

    /** Every answer waits this long first, like a real API's latency. */
    public ScriptedApi latency(long ms) {
        this.latencyMs = ms;
        return this;
    }

    /** The answers of the share-link endpoint for one short link (as the app sends it), in order; the last repeats. */
    public ScriptedApi scriptLink(String shareUrl, Answer... answers) {
        linkScripts.put(shareUrl, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Requests to the share-link endpoint for this short link. */
    public int requestsForLink(String shareUrl) {
        AtomicInteger n = linkCounts.get(shareUrl);
        return n == null ? 0 : n.get();
    }

    public ScriptedApi otherwise(Answer answer) {
        this.fallback = answer;
        return this;
    }

    public int requestsFor(String noteId) {
        AtomicInteger n = counts.get(noteId);
        return n == null ? 0 : n.get();
    }

    public int totalRequests() {
        return queries.size();
    }

    public List<String> queries() {
        return new ArrayList<>(queries);
    }

    /** The Cookie headers requests carried (every answer sets one, as the vendor's CDN might). */
    public List<String> cookiesSent() {
        return new ArrayList<>(cookies);
    }

    /** System.nanoTime() of each request's arrival, in order. */
    public List<Long> arrivals() {
        return new ArrayList<>(arrivals);
    }

    public static Answer success() {
        try {
            return new Reply(200, "application/json", Files.readAllBytes(REFERENCE));
        } catch (IOException e) {
            throw new IllegalStateException("the reference response is missing: " + REFERENCE.toAbsolutePath(), e);
        }
    }

    /** The API's envelope with this code and no data. */
    public static Answer code(int httpStatus, int code, String message) {
        String body = "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":null,"
                + "\"recordTime\":\"2026-11-27T00:00:00\",\"requestId\":\"scripted\"}";
        return new Reply(httpStatus, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A share-link answer leading to this note, shaped like the vendor's. */
    public static Answer redirectTo(String noteId) {
        return redirect("https://www.xiaohongshu.com/discovery/item/" + noteId + "?app_platform=ios&app_version=8.86"
                + "&share_from_user_hidden=true&xsec_source=app_share&type=normal&xsec_token=CBscripted&author_share=1");
    }

    /** A share-link answer with code 0 and this {@code data.redirect_url}. */
    public static Answer redirect(String redirectUrl) {
        String body = "{\"code\":0,\"message\":\"success\",\"data\":{\"redirect_url\":\"" + redirectUrl + "\"},"
                + "\"recordTime\":\"2026-11-27T00:00:00\",\"requestId\":\"scripted\"}";
        return new Reply(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer raw(int httpStatus, String contentType, String body) {
        return new Reply(httpStatus, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer hold() {
        return new Hold();
    }

    public static Answer drip() {
        return new Drip();
    }

    public static Answer drop() {
        return new Drop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query == null ? "" : query);
        arrivals.add(System.nanoTime());
        cookies.addAll(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
        Answer answer;
        if (SHARE_URL_PATH.equals(exchange.getRequestURI().getPath())) {
            String shareUrl = URLDecoder.decode(param(query, "shareUrl"), StandardCharsets.UTF_8);
            linkCounts.computeIfAbsent(shareUrl, k -> new AtomicInteger()).incrementAndGet();
            answer = next(linkScripts, shareUrl, code(400, 400, "no script for this link"));
        } else if (V6_PATH.equals(exchange.getRequestURI().getPath())) {
            String noteId = param(query, "noteId");
            v6Counts.computeIfAbsent(noteId, k -> new AtomicInteger()).incrementAndGet();
            answer = next(v6Scripts, noteId, code(400, 400, "no V6 script for this note"));
        } else {
            String noteId = param(query, "noteId");
            counts.computeIfAbsent(noteId, k -> new AtomicInteger()).incrementAndGet();
            answer = next(scripts, noteId, fallback);
        }
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer instanceof Hold) {
            held.add(exchange);
            return;
        }
        if (answer instanceof Drip) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"code\":0,\"data\":[".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            held.add(exchange);
            return;
        }
        if (answer instanceof Drop) {
            exchange.close();
            return;
        }
        Reply reply = (Reply) answer;
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().add("Set-Cookie", "acw_tc=" + queries.size() + "; Path=/");
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static Answer next(Map<String, Deque<Answer>> scripts, String key, Answer otherwise) {
        Deque<Answer> script = scripts.get(key);
        if (script == null) {
            return otherwise;
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    @Override
    public void close() {
        for (HttpExchange exchange : held) {
            exchange.close();
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
