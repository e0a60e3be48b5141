package xhsnoterouter.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The video of a V6 answer ({@code data[0]}, streams under {@code video_info_v2.media.stream.<codec>[]}): an h264
 * stream when there is one, because it plays everywhere an archive may be opened (the vendor marks the smaller h265
 * one as its default), the largest picture first; else h265, else any other codec listed.
 */
public final class VideoStreams {

    private static final List<String> CODECS = List.of("h264", "h265");

    /** One stream: its URLs to try in order ({@code master_url}, then {@code backup_urls}), size and codec. */
    public record Video(List<String> urls, Long bytes, String codec, int width, int height) {
    }

    private VideoStreams() {
    }

    /** The note of a V6 answer: {@code data[0]}. */
    public static JsonNode note(JsonNode v6Answer) {
        return v6Answer.path("data").path(0);
    }

    /** Whether the note's function_switch forbids downloads ({@code video_download} with enable false). */
    public static boolean downloadForbidden(JsonNode note) {
        for (JsonNode s : note.path("function_switch")) {
            if ("video_download".equals(s.path("type").asText()) && s.has("enable") && !s.path("enable").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    public static Optional<Video> choose(JsonNode note) {
        JsonNode streams = note.path("video_info_v2").path("media").path("stream");
        List<String> codecs = new ArrayList<>(CODECS);
        streams.fieldNames().forEachRemaining(name -> {
            if (!codecs.contains(name)) {
                codecs.add(name);
            }
        });
        for (String codec : codecs) {
            Video best = null;
            for (JsonNode stream : streams.path(codec)) {
                Video video = video(stream, codec);
                if (!video.urls().isEmpty() && (best == null || pixels(video) > pixels(best))) {
                    best = video;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static Video video(JsonNode stream, String codec) {
        List<String> urls = new ArrayList<>();
        String master = stream.path("master_url").asText("");
        if (!master.isBlank()) {
            urls.add(master);
        }
        for (JsonNode backup : stream.path("backup_urls")) {
            if (!backup.asText("").isBlank() && !urls.contains(backup.asText())) {
                urls.add(backup.asText());
            }
        }
        Long bytes = stream.path("size").canConvertToLong() && stream.path("size").asLong() > 0 ? stream.path("size").asLong() : null;
        return new Video(urls, bytes, codec, stream.path("width").asInt(0), stream.path("height").asInt(0));
    }

    private static long pixels(Video video) {
        return (long) video.width() * video.height();
    }
}
