package xhsnoterouter.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that builds API URLs and the one place that hides the token from anything printed. */
public final class ApiUrls {

    public static final String NOTE_DETAIL_PATH = "/api/xiaohongshu/get-note-detail/v1";
    public static final String SHARE_URL_TRANSFER_PATH = "/api/xiaohongshu/share-url-transfer/v1";
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(token=)[^&\\s\"'#<>]*");
    private static final String MASK = "***";

    private final URI baseUrl;
    private final String token;

    public ApiUrls(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token == null ? "" : token;
    }

    public URI noteDetail(String noteId) {
        return URI.create(baseUrl + NOTE_DETAIL_PATH
                + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&noteId=" + URLEncoder.encode(noteId, StandardCharsets.UTF_8));
    }

    /** Resolves an xhslink.com share link; {@code data.redirect_url} of the answer holds the note's link. */
    public URI shareUrlTransfer(String shareUrl) {
        return URI.create(baseUrl + SHARE_URL_TRANSFER_PATH
                + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&shareUrl=" + URLEncoder.encode(shareUrl, StandardCharsets.UTF_8));
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
