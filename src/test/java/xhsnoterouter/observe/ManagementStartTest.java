package xhsnoterouter.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import xhsnoterouter.config.ManagementSettings;
import xhsnoterouter.support.LogCapture;

/** The management server starts on a running context; a port taken after the start-up check costs only the server. */
class ManagementStartTest {

    @Test
    void startsOnARunningContextAndAnswersHealth() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        try (LogCapture log = LogCapture.capture()) {
            Management.start(camel, new ManagementSettings(port, "127.0.0.1"));

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(log.containing("Health on http://127.0.0.1:" + port + "/observe/health")).hasSize(1);
        } finally {
            camel.stop();
        }
    }

    @Test
    void aPortTakenAfterTheCheckLeavesTheContextRunningWithOneErrorLine() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LogCapture log = LogCapture.capture()) {
            Management.start(camel, new ManagementSettings(taken.getLocalPort(), "127.0.0.1"));

            assertThat(camel.isStarted()).isTrue();
            assertThat(log.containing("ERROR Health and metrics are off: invalid management.port '"
                    + taken.getLocalPort() + "'")).hasSize(1);
        } finally {
            camel.stop();
        }
    }
}
