package xhsnoterouter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** camel-http with the deadline against a real server on loopback that sends headers, then drips its body. */
class WholeRequestDeadlineTest {

    private HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private CamelContext camel;
    private final WholeRequestDeadline deadline = new WholeRequestDeadline(Duration.ofSeconds(1));

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/drip", exchange -> drip(exchange, 0)); // chunked: camel-http streams it
        // a declared length: camel-http reads such a body into one byte[] (below its streaming threshold)
        server.createContext("/drip-sized", exchange -> drip(exchange, 100));
        server.createContext("/quick", exchange -> {
            byte[] body = "{\"code\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        camel = new DefaultCamelContext();
        HttpComponent http = new HttpComponent();
        http.setHttpClientConfigurer(deadline);
        http.setResponseTimeout(5000);
        http.setSoTimeout(5000);
        http.setResponsePayloadStreamingThreshold(1048576); // as NoteRouter sets it
        camel.addComponent("http", http);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
        pool.shutdownNow(); // its threads would keep the test JVM from exiting for a minute
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drip", "/drip-sized"})
    void aBodyThatDripsForLongerThanTheTimeoutIsCutOffAtTheDeadline(String path) {
        long started = System.nanoTime();
        deadline.begin();
        Exchange answer = call(path);
        boolean expired = deadline.end();

        assertThat(answer.getException()).as("the call failed").isNotNull();
        assertThat(expired).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aQuickCallIsLeftAloneAndItsConnectionKept() throws Exception {
        for (int i = 0; i < 3; i++) {
            deadline.begin();
            Exchange answer = call("/quick");
            assertThat(deadline.end()).isFalse();
            assertThat(answer.getException()).isNull();
            assertThat(answer.getMessage().getBody(String.class)).isEqualTo("{\"code\":0}");
        }
        Thread.sleep(1500);
        deadline.begin();
        assertThat(call("/quick").getException()).as("a pooled connection past the first call's deadline").isNull();
        assertThat(deadline.end()).isFalse();
    }

    /** Headers at once, then a space every 300 ms: 30 s of body. */
    private static void drip(HttpExchange exchange, long length) throws IOException {
        exchange.sendResponseHeaders(200, length);
        try (OutputStream body = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
                body.write(' ');
                body.flush();
                Thread.sleep(300);
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private Exchange call(String path) {
        ProducerTemplate template = camel.createProducerTemplate();
        return template.request("http://127.0.0.1:" + server.getAddress().getPort() + path
                + "?httpMethod=GET&throwExceptionOnFailure=false", e -> { });
    }
}
