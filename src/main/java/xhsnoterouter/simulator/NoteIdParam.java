package xhsnoterouter.simulator;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code noteId} parameter as the real endpoint accepts it: a bare ID or an /explore/ link. */
final class NoteIdParam {

    private static final Pattern BARE = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern EXPLORE_URL = Pattern.compile(
            "https?://(?:www\\.)?xiaohongshu\\.com/explore/([0-9a-fA-F]{24})(?:[/?#].*)?");

    private NoteIdParam() {
    }

    /** The note ID in lower case, or empty when the value is not one the API would accept. */
    static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (BARE.matcher(v).matches()) {
            return Optional.of(v.toLowerCase(Locale.ROOT));
        }
        Matcher m = EXPLORE_URL.matcher(v);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
