package xhsnoterouter.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import xhsnoterouter.media.Manifest;

/**
 * A note's first saved image, as the card shows it: found through {@code outbox/media/<noteId>/manifest.json} (the
 * first image item downloaded whose file is there) and linked relative to {@code outbox/report/index.html}, so the
 * page still opens offline and wherever the outbox is moved. Never the item's URL: the page loads nothing from the
 * internet, and the signed CDN links expire anyway.
 */
final class Thumbnail {

    private Thumbnail() {
    }

    /** The {@code <img>} of the note's first saved image, or "" when it has none (no manifest, none downloaded). */
    static String html(Path mediaDir, LatestNote note) {
        String id = note.id().value();
        String file = firstSavedImage(mediaDir.resolve(id));
        if (file == null) {
            return "";
        }
        String src = "../media/" + Html.pathSegment(id) + "/" + Html.pathSegment(file);
        return "<img class=\"thumb\" src=\"" + Html.escape(src) + "\" alt=\"" + Html.escape(NoteSection.displayTitle(note))
                + "\" width=\"96\" height=\"96\" loading=\"lazy\" decoding=\"async\">";
    }

    /** The file name of the first image the manifest in {@code noteDir} says is downloaded and that exists; else null. */
    static String firstSavedImage(Path noteDir) {
        Manifest manifest;
        try {
            manifest = Manifest.read(noteDir.resolve(Manifest.FILE));
        } catch (IOException | RuntimeException e) {
            // none (no media for this note), or one that cannot be read: no image, and the page is still built
            return null;
        }
        for (Manifest.Entry item : manifest.items()) {
            if (item != null && "image".equals(item.kind()) && item.status() == Manifest.Status.DOWNLOADED
                    && plainName(item.file()) && Files.isRegularFile(noteDir.resolve(item.file()))) {
                return item.file();
            }
        }
        return null;
    }

    /** A name of a file in the note's folder itself: the manifest is ours, but a link never leaves that folder. */
    private static boolean plainName(String file) {
        return file != null && !file.isEmpty() && !file.equals(".") && !file.equals("..") && file.indexOf('/') < 0
                && file.indexOf('\\') < 0 && file.indexOf(':') < 0 && file.chars().noneMatch(c -> c < 0x20);
    }
}
