package xhsnoterouter.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an answer's body is the kind of file that was asked for, from its Content-Type and its first bytes, and
 * the extension it is saved with. A CDN that answers an expired link with an HTML page (200, text/html), or a
 * mislabelled body, must end as a failed item, never as {@code image-1.jpg} holding HTML.
 */
public final class MediaBody {

    /** How many first bytes {@link #refusal} looks at. */
    public static final int HEAD = 16;

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/jpg", "jpg"), Map.entry("image/png", "png"),
            Map.entry("image/webp", "webp"), Map.entry("image/gif", "gif"), Map.entry("image/heic", "heic"),
            Map.entry("image/heif", "heif"), Map.entry("image/avif", "avif"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/wave", "wav"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/x-m4a", "m4a"), Map.entry("video/mp4", "mp4"), Map.entry("video/quicktime", "mov"));

    private MediaBody() {
    }

    /** The file extension for a Content-Type ({@code image/jpeg; charset=…} → {@code jpg}), or empty when unknown. */
    public static Optional<String> extension(String contentType) {
        return Optional.ofNullable(EXTENSIONS.get(mediaType(contentType)));
    }

    /** The Content-Type a file extension stands for (the first listed), for a file found already saved. */
    public static Optional<String> contentType(String extension) {
        return EXTENSIONS.entrySet().stream().filter(e -> e.getValue().equals(extension)).map(Map.Entry::getKey)
                .sorted().findFirst();
    }

    /** Why this body is not a file of {@code kind} (for the manifest), or empty when it is. */
    public static Optional<String> refusal(MediaKind kind, String contentType, byte[] head) {
        String type = mediaType(contentType);
        if (looksLikeMarkup(head)) {
            return Optional.of("the answer is a web page, not " + noun(kind) + " (Content-Type " + shown(type) + ")");
        }
        String family = switch (kind) {
            case IMAGES -> "image/";
            case AUDIO -> "audio/";
            case VIDEO -> "video/";
        };
        if (!type.startsWith(family) || extension(contentType).isEmpty()) {
            return Optional.of("Content-Type " + shown(type) + " is not " + noun(kind));
        }
        if (!signatureFits(type, head)) {
            return Optional.of("the bytes are not " + type + " as the Content-Type says");
        }
        return Optional.empty();
    }

    /** The file signatures of the kinds saved; a type without a fixed signature (mp3 without ID3 …) passes. */
    private static boolean signatureFits(String type, byte[] head) {
        return switch (type) {
            case "image/jpeg", "image/jpg" -> startsWith(head, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
            case "image/png" -> startsWith(head, 0, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            case "image/gif" -> ascii(head, 0, "GIF8");
            case "image/webp" -> ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP");
            case "audio/wav", "audio/x-wav", "audio/wave" -> ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE");
            case "image/heic", "image/heif", "image/avif", "video/mp4", "video/quicktime", "audio/mp4", "audio/x-m4a" ->
                    ascii(head, 4, "ftyp");
            default -> true;
        };
    }

    private static boolean looksLikeMarkup(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, HEAD), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<?xml")
                || start.startsWith("<head") || start.startsWith("<body") || start.startsWith("{");
    }

    /** {@code image/JPEG; charset=…} → {@code image/jpeg}; empty when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String shown(String type) {
        return type.isEmpty() ? "missing" : type;
    }

    private static String noun(MediaKind kind) {
        return switch (kind) {
            case IMAGES -> "an image";
            case AUDIO -> "audio";
            case VIDEO -> "a video";
        };
    }

    private static boolean ascii(byte[] head, int at, String text) {
        return startsWith(head, at, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] head, int at, byte... prefix) {
        if (head.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
