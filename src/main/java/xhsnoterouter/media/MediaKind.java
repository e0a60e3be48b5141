package xhsnoterouter.media;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What {@code media.download} may ask for: {@code none}, or a comma list of these. */
public enum MediaKind {
    IMAGES, AUDIO, VIDEO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code none} (or empty) is nothing; an unknown word is an IllegalArgumentException naming it and the choices. */
    public static Set<MediaKind> parse(String setting) {
        Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        String trimmed = setting.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return kinds;
        }
        for (String word : trimmed.split(",")) {
            String w = word.trim();
            try {
                kinds.add(valueOf(w.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + w + "' is not one of none, images, audio, video");
            }
        }
        return kinds;
    }
}
