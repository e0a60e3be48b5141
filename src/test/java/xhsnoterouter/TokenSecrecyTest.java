package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §10: a whole batch with a known token; the token is in no log line, no file the app wrote (spooled
 * deliveries included), no webhook request and no mail.
 */
class TokenSecrecyTest {

    private static final String TOKEN = "Sekr3t-Token+with/odd=chars";

    @TempDir
    Path dir;

    @Test
    void theTokenAppearsInNoLogLineAndNoOutputFile() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (ScriptedApi api = ScriptedApi.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            Workspace work = new Workspace(dir);
            AppProcess.Result run = hostileBatch(work, api, receiver, smtp, List.of());

            assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain("Sekr3t");
            assertThat(work.files("outbox/failed")).isNotEmpty();
            assertThat(work.files("outbox/undelivered/webhook")).isNotEmpty();
            try (Stream<Path> files = Stream.concat(Files.walk(dir.resolve("outbox")), Files.walk(dir.resolve("state")))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString()).doesNotContain("Sekr3t");
                }
            }
            List<WebhookReceiver.Request> requests = receiver.requests();
            assertThat(requests).extracting(r -> r.header("X-Xnr-Event")).contains("note.fetched", "note.failed",
                    "batch.completed", "api.paused");
            for (WebhookReceiver.Request r : requests) {
                assertThat(r.path() + r.headers() + r.bodyText()).doesNotContain("Sekr3t");
            }
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(mails).as("one mail per event").hasSize((int) requests.stream().map(r -> r.header("X-Xnr-Delivery")).distinct().count());
            for (MimeMessage mail : mails) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                mail.writeTo(raw);
                assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain("Sekr3t");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void theTokenAppearsInNoLogLineWithCamelAndTheHttpClientAtDebug() throws Exception {
        // The README's way to turn a part up: a logger line in (a copy of) config/logback.xml.
        Path config = dir.resolve("debug-logback.xml");
        Files.writeString(config, Files.readString(Path.of("config", "logback.xml")).replace("<root level=\"WARN\">",
                "<logger name=\"org.apache.camel\" level=\"DEBUG\"/><logger name=\"org.apache.hc\" level=\"DEBUG\"/>"
                        + "<logger name=\"jakarta.mail\" level=\"DEBUG\"/><root level=\"DEBUG\">"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (ScriptedApi api = ScriptedApi.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            AppProcess.Result run = hostileBatch(new Workspace(dir), api, receiver, smtp, List.of("-Dlogback.configurationFile=" + config));

            String log = run.out() + run.err();
            assertThat(log).as("the wire log of the API calls was written").contains("http-outgoing", "noteId=");
            assertThat(log).as("Camel's debug lines were written").contains("DEBUG");
            assertThat(log.lines().filter(l -> l.contains("Sekr3t") || l.contains(TOKEN)).toList()).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    /** A batch with the token against an API whose answers echo it back, every delivery on; exits 3 (code 100). */
    private AppProcess.Result hostileBatch(Workspace work, ScriptedApi api, WebhookReceiver receiver, GreenMail smtp, List<String> jvmOptions)
            throws Exception {
        List<String> ids = NoteIds.ids(0x5ec, 12);
        // The receiver refuses everything, so deliveries are also spooled to outbox/undelivered/.
        receiver.answer(500);
        // Hostile answers that echo the request back, as some gateways do.
        api.script(ids.get(1), ScriptedApi.raw(502, "text/html", "<html>bad gateway for /v1?token=" + TOKEN + "</html>"),
                ScriptedApi.success());
        api.script(ids.get(2), ScriptedApi.code(400, 400, "invalid noteId with token " + TOKEN));
        api.script(ids.get(3), ScriptedApi.code(200, 777, "odd answer for token=" + TOKEN));
        api.script(ids.get(4), ScriptedApi.drop());
        api.script(ids.get(11), ScriptedApi.code(401, 100, "token " + TOKEN + " is not active"));
        work.drop("ids.txt", String.join("\n", ids) + "\nnot-an-id\n");

        String everyEvent = "note.fetched,note.failed,batch.completed,api.paused,api.resumed";
        AppProcess.Result run = AppProcess.run(dir, Map.ofEntries(
                Map.entry("JUSTONEAPI_TOKEN", TOKEN),
                Map.entry("JUSTONEAPI_BASE_URL", api.baseUrl().toString()),
                Map.entry("JUSTONEAPI_CONCURRENCY", "1"),
                Map.entry("RETRY_MAX_ATTEMPTS", "2"),
                Map.entry("RETRY_INITIAL_DELAY_MS", "10"),
                Map.entry("JUSTONEAPI_TIMEOUT_SECONDS", "2"),
                Map.entry("DELIVERY_WEBHOOK_URL", receiver.url().toString()),
                Map.entry("DELIVERY_WEBHOOK_MAX_ATTEMPTS", "2"),
                Map.entry("DELIVERY_MAIL_TO", "team@example.com"),
                Map.entry("DELIVERY_MAIL_EVENTS", everyEvent),
                Map.entry("MAIL_SMTP_HOST", "127.0.0.1"),
                Map.entry("MAIL_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()))), jvmOptions, "--once");

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(api.queries()).as("the token really was sent").anyMatch(q -> q.contains("token=Sekr3t"));
        return run;
    }
}
