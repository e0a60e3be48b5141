package xhsnoterouter.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 playing a media CDN: per path a script of answers (the last one repeats), and every
 * request that reached it, query included.
 */
public final class TestCdn implements AutoCloseable {

    /** One scripted answer. */
    public sealed interface Answer permits File, Status, Redirect, CutShort, Slow, Late {
    }

    public record File(String contentType, byte[] body) implements Answer {
    }

    public record Status(int status) implements Answer {
    }

    public record Redirect(String location) implements Answer {
    }

    /** Announces the whole length, sends half of it, then closes the connection. */
    public record CutShort(String contentType, byte[] body) implements Answer {
    }

    /** The body a few bytes at a time, {@code pauseMs} apart. */
    public record Slow(String contentType, byte[] body, long pauseMs) implements Answer {
    }

    /** The file, after {@code delayMs} (a slow CDN). */
    public record Late(long delayMs, File file) implements Answer {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private TestCdn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-cdn");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestCdn start() throws IOException {
        return new TestCdn();
    }

    /** {@code 127.0.0.1:port}, as media.allowed-hosts lists it. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL of a path, with a signature like the vendor's. */
    public String url(String path) {
        return "http://" + hostAndPort() + path + "?sign=f84261bfe2427b601718db89f70ebb59&t=69aede95";
    }

    public TestCdn serve(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Requests for this path (query left out). */
    public long requestsFor(String path) {
        return requests.stream().filter(r -> r.equals(path) || r.startsWith(path + "?")).count();
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(query == null ? path : path + "?" + query);
        Deque<Answer> script = scripts.get(path);
        Answer answer;
        if (script == null) {
            answer = new Status(404);
        } else {
            synchronized (script) {
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
        }
        try {
            if (answer instanceof Late late) {
                Thread.sleep(late.delayMs());
                answer = late.file();
            }
            if (answer instanceof File f) {
                exchange.getResponseHeaders().set("Content-Type", f.contentType());
                exchange.sendResponseHeaders(200, f.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(f.body());
                }
            } else if (answer instanceof Status s) {
                byte[] body = ("<html><body>" + s.status() + "</body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(s.status(), body.length);
                exchange.getResponseBody().write(body);
            } else if (answer instanceof Redirect r) {
                exchange.getResponseHeaders().set("Location", r.location());
                exchange.sendResponseHeaders(302, -1);
            } else if (answer instanceof CutShort c) {
                exchange.getResponseHeaders().set("Content-Type", c.contentType());
                exchange.sendResponseHeaders(200, c.body().length);
                OutputStream out = exchange.getResponseBody();
                out.write(c.body(), 0, c.body().length / 2);
                out.flush();
                // closing the exchange now, short of the announced length, breaks the connection
            } else if (answer instanceof Slow s) {
                exchange.getResponseHeaders().set("Content-Type", s.contentType());
                exchange.sendResponseHeaders(200, s.body().length);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < s.body().length; i += 64) {
                    out.write(s.body(), i, Math.min(64, s.body().length - i));
                    out.flush();
                    Thread.sleep(s.pauseMs());
                }
                out.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
