package xhsnoterouter.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

import xhsnoterouter.api.ApiUrls;

/**
 * {@code %masked(...)} in config/logback.xml: the text of a log line through {@link ApiUrls#mask}, so the token is
 * hidden whoever logs it, Camel at DEBUG and the HTTP client's wire log included. Home-made because Logback's
 * {@code %replace} is fixed when the file is read, before the app knows the token: it can mask {@code token=...},
 * not the token's value in an answer body or in Camel's "Found property" line.
 */
public final class LogMask extends CompositeConverter<ILoggingEvent> {

    private static volatile ApiUrls secrets = new ApiUrls(null, "");

    /** From now on, the token itself (and its URL-encoded form) is masked too, not only {@code token=...}. */
    public static void hide(String token) {
        secrets = new ApiUrls(null, token);
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return secrets.mask(in);
    }
}
