package xhsnoterouter.ingest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one entry (a note ID or a note link, SPEC §5) into a {@link NoteId}, or says why it cannot. */
public final class EntryParser {

    private static final Pattern LINK = Pattern.compile(
            "(?i)^(?:https?://)?(?:(?:www|m)\\.)?(?:xiaohongshu|rednote)\\.com(/[^?#\\s]*)(?:[?#]\\S*)?$");
    private static final Pattern NOTE_PATH = Pattern.compile(
            "^/(?:explore|discovery/item|user/profile/[0-9A-Za-z]+)/([0-9A-Za-z]+)/?$");

    /** The parsed form: exactly one of {@code noteId} and {@code problem} is set. */
    public record Parsed(NoteId noteId, String problem) {
    }

    private EntryParser() {
    }

    public static Parsed parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        if (text.isEmpty()) {
            return new Parsed(null, "empty entry");
        }
        Optional<NoteId> bare = NoteId.of(text);
        if (bare.isPresent()) {
            return new Parsed(bare.get(), null);
        }
        Matcher link = LINK.matcher(text);
        if (!link.matches()) {
            return new Parsed(null, looksLikeId(text)
                    ? "not a note ID: an ID is 24 hexadecimal characters"
                    : "not a note ID or a xiaohongshu.com / rednote.com note link");
        }
        Matcher path = NOTE_PATH.matcher(link.group(1));
        if (!path.matches()) {
            return new Parsed(null, "link does not point to a note (expected /explore/<id>, /discovery/item/<id> "
                    + "or /user/profile/<user>/<id>)");
        }
        return NoteId.of(path.group(1))
                .map(id -> new Parsed(id, null))
                .orElseGet(() -> new Parsed(null, "link holds '" + path.group(1) + "', which is not a 24-character note ID"));
    }

    private static boolean looksLikeId(String text) {
        return text.length() < 64 && text.chars().allMatch(Character::isLetterOrDigit);
    }
}
