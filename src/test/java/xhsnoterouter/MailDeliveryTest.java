package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/** SPEC §8 mail, end to end through the shipped routes/mail.yaml into GreenMail, a real SMTP server on loopback. */
class MailDeliveryTest {

    private static final String TOKEN = "tok-MAIL-777";

    @TempDir
    Path dir;
    private ScriptedApi api;
    private GreenMail smtp;
    private Workspace work;

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        work = new Workspace(dir).api(api, TOKEN)
                .set("delivery.mail.to", "team@example.com, Boss <boss@example.org>")
                .set("mail.smtp.host", "127.0.0.1")
                .set("mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    }

    @AfterEach
    void stop() {
        smtp.stop();
        api.close();
    }

    @Test
    void batchAndPauseMailsReachEveryRecipientAsTextAndHtml() throws Exception {
        List<String> ids = NoteIds.ids(0x5100, 6);
        api.script(ids.get(1), ScriptedApi.code(200, 201, "no content"));
        api.script(ids.get(4), ScriptedApi.code(200, 601, "insufficient balance"));
        work.set("justoneapi.concurrency", "1");
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
        MimeMessage[] received = smtp.getReceivedMessages();
        // Two mails, each stored once per recipient.
        assertThat(received).hasSize(4);
        assertThat(Arrays.stream(received).map(MailDeliveryTest::subject).distinct()).containsExactlyInAnyOrder(
                "[xhs-note-router] ids.txt: 3 fetched, 1 failed, 2 pending",
                "[xhs-note-router] API paused: INSUFFICIENT_BALANCE (code 601), 2 notes pending");
        for (MimeMessage mail : received) {
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Address::toString))
                    .containsExactly("team@example.com", "Boss <boss@example.org>");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("xhs-note-router@localhost");
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            BodyPart text = parts.getBodyPart(0);
            BodyPart html = parts.getBodyPart(1);
            assertThat(text.getContentType()).startsWith("text/plain");
            assertThat(html.getContentType()).startsWith("text/html");
            if (subject(mail).contains("ids.txt")) {
                assertThat((String) text.getContent()).containsPattern("Fetched +3\\s").contains("NOT_FOUND: 1")
                        .doesNotContain("\"fetched\"");
                assertThat((String) html.getContent()).contains("<table").contains(">Not found</th>");
            } else {
                assertThat((String) text.getContent()).contains("Top up the account");
            }
            assertThat(raw(mail)).doesNotContain(TOKEN);
        }
        assertThat(work.files("outbox/undelivered/mail")).isEmpty();
    }

    @Test
    void aTitleWithLineBreaksInjectsNoHeaderAndNoRecipient() throws Exception {
        String id = NoteIds.ids(0x5200, 1).get(0);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE));
        ((ObjectNode) body.get("data").get(0).get("note_list").get(0))
                .put("title", "Sale!\r\nBcc: victim@evil.example\r\nX-Injected: yes\n\nbody?");
        api.script(id, ScriptedApi.raw(200, "application/json", Json.MAPPER.writeValueAsString(body)));
        work.set("delivery.mail.events", "note.fetched").set("delivery.mail.to", "team@example.com");
        work.drop("ids.txt", id + "\n");

        assertThat(work.runOnce().status()).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(subject(mail)).isEqualTo("[xhs-note-router] fetched " + id
                + ": Sale! Bcc: victim@evil.example X-Injected: yes body?");
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
    }

    @Test
    void mailWhileTheServerIsDownIsKeptAndSentAtTheNextStart() throws Exception {
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        List<String> ids = NoteIds.ids(0x5300, 3);
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        Workspace.Run first = work.runOnce();

        assertThat(first.status()).isZero();
        assertThat(work.records()).hasSize(3);
        List<Path> spooled = work.files("outbox/undelivered/mail");
        assertThat(spooled).hasSize(1);
        assertThat(Files.readString(spooled.get(0))).contains("batch.completed").doesNotContain(TOKEN);

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Workspace.Run second = work.runOnce();

        assertThat(second.status()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2)
                .allSatisfy(m -> assertThat(subject(m)).isEqualTo("[xhs-note-router] ids.txt: 3 fetched, 0 failed"));
        assertThat(work.files("outbox/undelivered/mail")).isEmpty();
    }

    @Test
    void logsInWhenAUserIsSetAndNeverFallsBackToPlainTextWhenStarttlsIsRequired() throws Exception {
        smtp.setUser("robot@example.com", "robot", "pw-Secret-42");
        List<String> ids = NoteIds.ids(0x5400, 2);
        work.set("mail.smtp.username", "robot").set("mail.smtp.password", "pw-Secret-42");
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(run.out() + run.err()).doesNotContain("pw-Secret-42");

        work.set("mail.smtp.security", "starttls");
        work.drop("more.txt", NoteIds.ids(0x5500, 1).get(0) + "\n");
        Workspace.Run required = work.runOnce();

        assertThat(required.status()).isZero();
        assertThat(smtp.getReceivedMessages()).as("nothing sent without TLS").hasSize(2);
        List<Path> spooled = work.files("outbox/undelivered/mail");
        assertThat(spooled).hasSize(1);
        assertThat(Files.readString(spooled.get(0))).contains("STARTTLS").doesNotContain("pw-Secret-42");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
