package xhsnoterouter.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain-http forward proxy on 127.0.0.1 (no CONNECT) that records every request it forwards, for the
 * "send the API calls through an HTTP proxy" rewiring test.
 */
public final class ForwardProxy implements AutoCloseable {

    /** One request the proxy forwarded: its method, absolute target URI and User-Agent header (or null). */
    public record Seen(String method, URI uri, String userAgent) {
    }

    /** Hop-by-hop headers, and those the JDK client or server sets itself. */
    private static final Set<String> NOT_FORWARDED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        NOT_FORWARDED.addAll(List.of("Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
                "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "Content-Length",
                "Expect"));
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final HttpClient upstream = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final HttpServer server;

    private ForwardProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress(host(), 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public static ForwardProxy start() throws IOException {
        return new ForwardProxy();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request forwarded so far, in arrival order (including those whose target failed). */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int count() {
        return seen.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!uri.isAbsolute()) {
                reply(exchange, 400, "not a proxy request: " + uri);
                return;
            }
            Headers headers = exchange.getRequestHeaders();
            seen.add(new Seen(exchange.getRequestMethod(), uri, headers.getFirst("User-Agent")));
            HttpResponse<byte[]> response;
            try {
                response = upstream.send(forward(exchange.getRequestMethod(), uri, headers, body),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                reply(exchange, 502, "proxy: " + uri.getAuthority() + " failed: " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 502, "proxy: interrupted");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name)) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static HttpRequest forward(String method, URI uri, Headers headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
