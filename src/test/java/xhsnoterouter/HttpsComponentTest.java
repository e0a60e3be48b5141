package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.config.Settings;
import xhsnoterouter.support.Workspace;

/**
 * The real API and most webhooks are https. Camel makes a component per scheme, so without the app binding its
 * configured http component as "https" too, an https call would go through a bare one: no whole-request deadline,
 * the client's automatic re-sends (a re-sent API call is a billed call), cookies kept.
 */
class HttpsComponentTest {

    @TempDir
    Path dir;

    @Test
    void anHttpsUrlGoesThroughTheSameConfiguredClientAsHttp() throws Exception {
        Settings settings = new Workspace(dir).set("justoneapi.base-url", "https://api.example.invalid")
                .set("justoneapi.token", "t").settings();
        try (NoteRouter app = new NoteRouter(settings, settings.baseUrl(), settings.token(), false, true,
                Clock.systemUTC())) {
            CamelContext camel = app.prepare();

            HttpComponent http = camel.getComponent("http", HttpComponent.class);
            assertThat(camel.getComponent("https")).isSameAs(http);
            assertThat(http.isAutomaticRetriesDisabled()).isTrue();
            HttpEndpoint webhook = camel.getEndpoint("https://hooks.example.invalid/x", HttpEndpoint.class);
            assertThat(webhook.getComponent()).isSameAs(http);
            assertThat(webhook.getHttpClientConfigurer()).as("the whole-request deadline").isNotNull();
        }
    }
}
