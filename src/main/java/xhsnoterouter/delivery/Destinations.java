package xhsnoterouter.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks of the destinations in the delivery settings: a typo is a clear error at start, not a lost delivery. */
public final class Destinations {

    private Destinations() {
    }

    /** An http(s) URL with a host; the message never shows its query, which may hold a key of the receiver's. */
    public static URI webhookUrl(String url) {
        String shown = url.replaceAll("[?#].*$", "?…");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + shown + "' is not an http:// or https:// URL");
    }

    /** A comma-separated list of mail addresses, each checked. */
    public static List<InternetAddress> mailAddresses(String list) {
        List<InternetAddress> result = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                InternetAddress address = new InternetAddress(part.trim(), true);
                address.validate();
                result.add(address);
            } catch (AddressException e) {
                throw new IllegalArgumentException("'" + MailContent.oneLine(part.trim()) + "' is not a mail address ("
                        + e.getMessage() + ")");
            }
        }
        return result;
    }
}
