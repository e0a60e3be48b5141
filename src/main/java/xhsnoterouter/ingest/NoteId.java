package xhsnoterouter.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A validated note ID: 24 lower-case hex characters. The only way an ID enters the system. */
public record NoteId(String value) {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");

    public NoteId {
        if (!HEX24.matcher(value).matches() || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a note ID: " + value);
        }
    }

    /** Upper-case hex is lowered; anything but 24 hex characters is empty. */
    public static Optional<NoteId> of(String text) {
        if (text == null || text.length() != 24 || !HEX24.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new NoteId(text.toLowerCase(Locale.ROOT)));
    }

    public String url() {
        return "https://www.xiaohongshu.com/explore/" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
