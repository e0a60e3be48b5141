package xhsnoterouter.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import xhsnoterouter.Json;

/**
 * A webhook receiver on 127.0.0.1, as a user's system would run one: records every request (method, path,
 * headers, exact body bytes) and answers with the status it is told. It can go down (the port refuses
 * connections) and come back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body, int answered) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + bodyText(), e);
            }
        }

        public boolean delivered() {
            return answered >= 200 && answered < 300;
        }
    }

    private final int port;
    private final List<Request> requests = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private volatile int status = 204;
    private volatile long delayMs;
    private HttpServer server;

    private WebhookReceiver(int port) throws IOException {
        this.port = listen(port);
    }

    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver(0);
    }

    private synchronized int listen(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 100);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hooks/xnr");
    }

    /** The status every following request is answered with. */
    public WebhookReceiver answer(int status) {
        this.status = status;
        return this;
    }

    /** How long the receiver takes before answering. */
    public WebhookReceiver delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. */
    public synchronized void goDown() {
        server.stop(0);
    }

    public synchronized void comeBack() throws IOException {
        listen(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        int answer = status;
        synchronized (requests) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body, answer));
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public List<Request> delivered() {
        return requests().stream().filter(Request::delivered).toList();
    }

    public List<Request> delivered(String event) {
        return delivered().stream().filter(r -> event.equals(r.header("X-Xnr-Event"))).toList();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
