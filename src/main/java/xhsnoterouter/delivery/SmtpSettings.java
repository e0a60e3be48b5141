package xhsnoterouter.delivery;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;

/** The mail server: {@code mail.smtp.*}. Security is {@code none}, {@code starttls} (required) or {@code ssl}. */
public record SmtpSettings(String host, int port, String username, String password, String security) {

    public static final String[] SECURITY = {"none", "starttls", "ssl"};

    public SmtpSettings {
        security = security.toLowerCase(Locale.ROOT);
    }

    public boolean authenticated() {
        return username != null && !username.isEmpty();
    }

    /**
     * The login of camel-mail's {@code smtp:} endpoint (bean {@code smtpLogin}): {@code mail.smtp.username} and
     * {@code password}, or no login at all when the user name is empty. Given as an authenticator, not as the
     * endpoint's {@code username=}/{@code password=}, because camel-mail logs in with an empty name when they are
     * set to nothing, and a server without logins refuses that (535).
     */
    public MailAuthenticator login() {
        PasswordAuthentication login = authenticated()
                ? new PasswordAuthentication(username, password) : new PasswordAuthentication(null, null);
        return new MailAuthenticator() {
            @Override
            public PasswordAuthentication getPasswordAuthentication() {
                return login;
            }
        };
    }

    /**
     * What camel-mail's {@code smtp:} endpoint adds to its jakarta.mail session (bean {@code smtpSecurity}): log in
     * only when a user is set; STARTTLS required (never plain text instead); SSL from the first byte with the
     * server's name checked; and a write timeout, which camel-mail does not set.
     */
    public Properties javaMailProperties(Duration timeout) {
        Properties p = new Properties();
        p.put("mail.smtp.auth", Boolean.toString(authenticated()));
        p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        if (security.equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (security.equals("ssl")) {
            p.put("mail.smtp.ssl.enable", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public String toString() {
        return host + ":" + port + " (" + security + (authenticated() ? ", as " + username : "") + ")";
    }
}
