package xhsnoterouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Sends one mail per event, plain text and HTML ({@code multipart/alternative}), through the configured SMTP server. */
public final class MailTransport implements xhsnoterouter.delivery.Transport {

    private final SmtpSettings smtp;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final Session session;
    private final ExecutorService sender;

    public MailTransport(SmtpSettings smtp, InternetAddress from, List<InternetAddress> to, Duration timeout) {
        this.smtp = smtp;
        this.from = from;
        this.to = List.copyOf(to);
        this.session = session(smtp, timeout);
        this.sender = Executors.newFixedThreadPool(parallelism(), r -> {
            Thread t = new Thread(r, "xnr-mail");
            t.setDaemon(true);
            return t;
        });
    }

    private static Session session(SmtpSettings smtp, Duration timeout) {
        Properties p = new Properties();
        String protocol = smtp.security().equals("ssl") ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        p.put("mail.transport.protocol", protocol);
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", Integer.toString(smtp.port()));
        p.put(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "timeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "writetimeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "auth", Boolean.toString(smtp.authenticated()));
        if (smtp.security().equals("starttls")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (smtp.security().equals("ssl")) {
            p.put(prefix + "ssl.enable", "true");
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        Authenticator auth = !smtp.authenticated() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        };
        return Session.getInstance(p, auth);
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        return CompletableFuture.runAsync(() -> {
            try {
                Transport.send(message(event));
            } catch (MessagingException e) {
                throw new DeliveryFailure("SMTP " + smtp.host() + ":" + smtp.port() + ": " + simple(e));
            }
        }, sender);
    }

    MimeMessage message(Event event) throws MessagingException {
        MailContent content = MailContent.of(event);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(new InternetAddress[0]));
        message.setSubject(content.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("X-Xnr-Event", event.type().wireName());
        message.setHeader("X-Xnr-Delivery", event.deliveryId());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /** The innermost cause in a few words: never the password, which jakarta.mail does not put in messages. */
    private static String simple(MessagingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + MailContent.oneLine(cause.getMessage());
        return cause.getClass().getSimpleName() + message;
    }

    @Override
    public String target() {
        return to.size() + " recipient(s) via " + smtp;
    }

    @Override
    public int parallelism() {
        return 2;
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
