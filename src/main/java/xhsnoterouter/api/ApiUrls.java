package xhsnoterouter.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides the token from anything printed. The API URLs are built by the routes
 * ({@code routes/fetch.yaml}), where Camel masks {@code token=} in any endpoint URI it logs.
 */
public final class ApiUrls {

    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token=)[^&\\s\"'#<>]*");
    private static final String MASK = "***";

    private final URI baseUrl;
    private final String token;

    public ApiUrls(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token == null ? "" : token;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Text safe to print: every {@code token=...} value and every occurrence of the token itself masked. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        // The literal token first: the token=... pattern stops at '&' or '#', which a token may hold.
        String masked = text;
        if (token.length() >= 4) {
            masked = masked.replace(token, MASK);
            String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
            if (!encoded.equals(token)) {
                masked = masked.replace(encoded, MASK);
            }
        }
        return TOKEN_PARAM.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
