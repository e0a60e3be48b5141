package xhsnoterouter.simulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

/**
 * The simulator's share-link endpoint: an {@code http(s)://xhslink.com/<a|o|m>/<code>} link leads to a note whose ID
 * is derived from the code alone (same code, same note, in any simulator). The simulator's own convention, since
 * the vendor's answer for a deleted note's link is not documented: a code starting with {@code gone} answers code 0
 * with a redirect to the site's 404 page.
 */
final class ShareLinks {

    static final String PATH = "/api/xiaohongshu/share-url-transfer/v1";
    static final String GONE_PREFIX = "gone";
    static final String GONE_REDIRECT = "https://www.xiaohongshu.com/404?source=share";
    /** Keeps the fault draws of a link apart from those of the note it leads to. */
    static final long FAULT_SALT = 0x5A4E_4C49_4E4B_0001L;

    private static final Pattern SHORT_LINK = Pattern.compile(
            "(?i:https?)://(?i:xhslink\\.com)/[aom]/([0-9A-Za-z]+)/?(?:[?#].*)?");

    private ShareLinks() {
    }

    /** The code of an xhslink.com short link, or empty when the value is not one. */
    static Optional<String> code(String shareUrl) {
        if (shareUrl == null) {
            return Optional.empty();
        }
        Matcher m = SHORT_LINK.matcher(shareUrl.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** 24 lower-case hex characters from two independent 64-bit hashes of the code. */
    static String noteIdOfCode(String code) {
        long h = Draws.of("xhslink " + code);
        long g = Draws.mix64(h ^ 0x6A09E667F3BCC909L);
        return String.format("%08x%016x", g >>> 32, h);
    }

    /** The {@code data} of a successful answer: where the link leads. */
    static ObjectNode dataFor(String code, String noteId) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        if (code.startsWith(GONE_PREFIX)) {
            return data.put("redirect_url", GONE_REDIRECT);
        }
        String type = NoteContent.media(noteId).video() ? "video" : "normal";
        long h = Draws.of("share " + code);
        return data.put("redirect_url", "https://www.xiaohongshu.com/discovery/item/" + noteId
                + "?app_platform=ios&app_version=8.86&share_from_user_hidden=true&xsec_source=app_share&type=" + type
                + "&xsec_token=CB" + String.format("%016X%016X", h, Draws.mix64(h))
                + "&author_share=1&xhsshare=CopyLink&shareRedId=" + String.format("%016x", Draws.mix64(h + 1))
                + "&apptime=" + (1_735_689_600L + Long.remainderUnsigned(h, 63_072_000L))
                + "&share_id=" + String.format("%016x%016x", Draws.mix64(h + 2), Draws.mix64(h + 3)));
    }
}
