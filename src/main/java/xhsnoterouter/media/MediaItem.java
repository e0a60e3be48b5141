package xhsnoterouter.media;

/**
 * One file to save for a note: its kind, the name it gets under {@code outbox/media/<noteId>/} without the extension
 * (that comes from the answer's Content-Type), and the URL the API gave.
 */
public record MediaItem(MediaKind kind, String name, String url) {
}
