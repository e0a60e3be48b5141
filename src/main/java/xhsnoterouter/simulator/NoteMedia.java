package xhsnoterouter.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The files a simulated note links to, by their names under {@code /media/<noteId>/}: {@code image-1.jpg},
 * {@code image-2.png} … (each image's format drawn), {@code audio.wav} for one note in four, {@code video.mp4} for a
 * video note (linked from the V6 answer only).
 */
record NoteMedia(boolean video, List<String> images, boolean audio) {

    static final String AUDIO = "audio.wav";
    static final String VIDEO = "video.mp4";

    NoteMedia {
        images = List.copyOf(images);
    }

    /** Draws from {@code r}, a generator of the media draws only, so the note's other content never moves. */
    static NoteMedia draw(SplittableRandom r, boolean video, int imageCount) {
        boolean audio = r.nextInt(4) == 0;
        List<String> images = new ArrayList<>();
        for (int n = 1; n <= imageCount; n++) {
            images.add("image-" + n + (r.nextBoolean() ? ".jpg" : ".png"));
        }
        return new NoteMedia(video, images, audio);
    }

    boolean has(String name) {
        return images.contains(name) || audio && AUDIO.equals(name) || video && VIDEO.equals(name);
    }
}
