package xhsnoterouter.media;

import java.util.List;

/**
 * One file to save for a note: its kind, the name it gets under {@code outbox/media/<noteId>/} without the extension
 * (that comes from the answer's Content-Type), the URL the API gave, and other URLs of the same file to try when that
 * one fails (a video's backup_urls).
 */
public record MediaItem(MediaKind kind, String name, String url, List<String> backupUrls) {

    public MediaItem {
        backupUrls = backupUrls == null ? List.of() : List.copyOf(backupUrls);
    }

    public MediaItem(MediaKind kind, String name, String url) {
        this(kind, name, url, List.of());
    }
}
