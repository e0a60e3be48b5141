package xhsnoterouter.delivery;

import java.util.Locale;

/** The mail server: {@code mail.smtp.*}. Security is {@code none}, {@code starttls} (required) or {@code ssl}. */
public record SmtpSettings(String host, int port, String username, String password, String security) {

    public static final String[] SECURITY = {"none", "starttls", "ssl"};

    public SmtpSettings {
        security = security.toLowerCase(Locale.ROOT);
    }

    public boolean authenticated() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return host + ":" + port + " (" + security + (authenticated() ? ", as " + username : "") + ")";
    }
}
