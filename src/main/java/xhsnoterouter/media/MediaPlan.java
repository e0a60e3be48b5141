package xhsnoterouter.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import xhsnoterouter.archive.NoteRecord;

/**
 * Which files a fetched note's record asks for, given {@code media.download}: {@code image-1}, {@code image-2} … from
 * its images (the original, else the url: NoteRecord already chose), {@code audio} from its voice URL. A video is not
 * in the V1 answer: {@link #wantsVideo} says whether the V6 call is to be made for it.
 */
public final class MediaPlan {

    private MediaPlan() {
    }

    public static List<MediaItem> items(NoteRecord record, Set<MediaKind> wanted) {
        List<MediaItem> items = new ArrayList<>();
        if (wanted.contains(MediaKind.IMAGES) && record.images() != null) {
            List<NoteRecord.Image> images = record.images();
            for (int i = 0; i < images.size(); i++) {
                String url = images.get(i).url();
                if (url != null && !url.isBlank()) {
                    // numbered by place in the note, so image-3 is always its third image
                    items.add(new MediaItem(MediaKind.IMAGES, "image-" + (i + 1), url));
                }
            }
        }
        if (wanted.contains(MediaKind.AUDIO) && record.audioUrl() != null && !record.audioUrl().isBlank()) {
            items.add(new MediaItem(MediaKind.AUDIO, "audio", record.audioUrl()));
        }
        return items;
    }

    /**
     * A video note, when {@code video} is asked for: the V6 call is made for it (a billed call), unless the note's
     * function_switch forbids downloads, which the manifest then says instead.
     */
    public static boolean wantsVideo(NoteRecord record, Set<MediaKind> wanted) {
        return wanted.contains(MediaKind.VIDEO) && "video".equals(record.type());
    }

    /** function_switch said downloads are not allowed ({@code videoDownloadAllowed: false}); unknown counts as allowed. */
    public static boolean videoForbidden(NoteRecord record) {
        return Boolean.FALSE.equals(record.videoDownloadAllowed());
    }
}
