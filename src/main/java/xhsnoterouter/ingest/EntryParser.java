package xhsnoterouter.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one entry into a {@link NoteId}, into an xhslink.com short link to resolve through the API, or says why it
 * can do neither (SPEC §5). An entry is a note ID, a note link, a short link, or a longer text holding a link (the
 * share text the app copies: "52 【title】 😆 code 😆 http://xhslink.com/a/…，复制本条信息…").
 */
public final class EntryParser {

    private static final Pattern LINK = Pattern.compile(
            "(?i)^(?:https?://)?(?:(?:www|m)\\.)?(?:xiaohongshu|rednote)\\.com(/[^?#\\s]*)(?:[?#]\\S*)?$");
    private static final Pattern NOTE_PATH = Pattern.compile(
            "^/(?:explore|discovery/item|user/profile/[0-9A-Za-z]+)/([0-9A-Za-z]+)/?$");
    /** Scheme and host in any case; the path exactly as given, since the code is case-sensitive. */
    private static final Pattern SHORT_LINK = Pattern.compile(
            "^(?:((?i:https?))://)?(?i:xhslink\\.com)(/[aom]/[0-9A-Za-z]+/?(?:[?#][!-~]*)?)$");
    /** A run of URL characters (RFC 3986) inside a longer text: CJK text, spaces and emoji end it. */
    private static final Pattern URL_RUN = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");
    /** Sentence punctuation written right after a link, not part of it. */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)\\]']+$");

    /**
     * The parsed form: exactly one of {@code noteId}, {@code shortLink} (normalised: scheme and host lower-case,
     * path kept) and {@code problem} is set.
     */
    public record Parsed(NoteId noteId, String shortLink, String problem) {

        static Parsed note(NoteId id) {
            return new Parsed(id, null, null);
        }

        static Parsed link(String shortLink) {
            return new Parsed(null, shortLink, null);
        }

        static Parsed invalid(String problem) {
            return new Parsed(null, null, problem);
        }

        public boolean isShortLink() {
            return shortLink != null;
        }
    }

    private EntryParser() {
    }

    public static Parsed parse(String entry) {
        String text = entry == null ? "" : entry.strip();
        if (text.isEmpty()) {
            return Parsed.invalid("empty entry");
        }
        Optional<NoteId> bare = NoteId.of(text);
        if (bare.isPresent()) {
            return Parsed.note(bare.get());
        }
        Matcher link = LINK.matcher(text);
        if (link.matches()) {
            return noteLink(link);
        }
        Optional<String> shortLink = shortLink(text);
        if (shortLink.isPresent()) {
            return Parsed.link(shortLink.get());
        }
        return inLongerText(text);
    }

    private static Parsed noteLink(Matcher link) {
        Matcher path = NOTE_PATH.matcher(link.group(1));
        if (!path.matches()) {
            return Parsed.invalid("link does not point to a note (expected /explore/<id>, /discovery/item/<id> "
                    + "or /user/profile/<user>/<id>)");
        }
        return NoteId.of(path.group(1))
                .map(Parsed::note)
                .orElseGet(() -> Parsed.invalid("link holds '" + path.group(1) + "', which is not a 24-character note ID"));
    }

    private static Optional<String> shortLink(String candidate) {
        Matcher m = SHORT_LINK.matcher(candidate);
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1) == null ? "https" : m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(scheme + "://xhslink.com" + m.group(2));
    }

    /** A note link anywhere in the text wins (no API call); else the first short link; else it is invalid. */
    private static Parsed inLongerText(String text) {
        String firstShortLink = null;
        Matcher run = URL_RUN.matcher(text);
        while (run.find()) {
            String candidate = run.group();
            for (String form : new String[] {candidate, TRAILING_PUNCTUATION.matcher(candidate).replaceFirst("")}) {
                Matcher link = LINK.matcher(form);
                if (link.matches()) {
                    Parsed parsed = noteLink(link);
                    if (parsed.noteId() != null) {
                        return parsed;
                    }
                }
                if (firstShortLink == null) {
                    firstShortLink = shortLink(form).orElse(null);
                }
            }
        }
        if (firstShortLink != null) {
            return Parsed.link(firstShortLink);
        }
        if (looksLikeId(text)) {
            return Parsed.invalid("not a note ID: an ID is 24 hexadecimal characters");
        }
        if (text.toLowerCase(Locale.ROOT).contains("xhslink.com")) {
            return Parsed.invalid("not a short link this app can resolve (expected http(s)://xhslink.com/a/<code>, "
                    + "/o/<code> or /m/<code>)");
        }
        return Parsed.invalid("not a note ID, a xiaohongshu.com / rednote.com note link or an xhslink.com short link");
    }

    private static boolean looksLikeId(String text) {
        return text.length() < 64 && text.chars().allMatch(Character::isLetterOrDigit);
    }
}
