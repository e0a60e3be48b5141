package xhsnoterouter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class ForwardProxyTest {

    private HttpServer target;
    private ForwardProxy proxy;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/api/ok", exchange -> answer(exchange, 200, "hello " + exchange.getRequestURI().getQuery()));
        target.createContext("/api/broken", exchange -> answer(exchange, 503, "down for maintenance"));
        target.start();
        proxy = ForwardProxy.start();
        client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .build();
    }

    @AfterEach
    void stop() {
        proxy.close();
        target.stop(0);
    }

    @Test
    void forwardsTheRequestAndRecordsIt() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/api/ok?a=b");

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).header("User-Agent", "proxy-test/1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello a=b");
        assertThat(proxy.seen()).containsExactly(new ForwardProxy.Seen("GET", uri, "proxy-test/1"));
        assertThat(proxy.count()).isEqualTo(1);
    }

    @Test
    void passesA5xxFromTheTargetThroughUnchanged() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/api/broken");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("down for maintenance");
        assertThat(proxy.count()).isEqualTo(1);
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
