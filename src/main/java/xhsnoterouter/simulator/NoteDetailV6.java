package xhsnoterouter.simulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

/**
 * The {@code data} of a successful Note Details V6 answer ({@code GET /api/xiaohongshu/get-note-detail/v6}): the
 * vendor's captured V6 answer kept whole, the note at {@code data[0]} (no note_list), with the same note as the V1
 * answer for that ID (id, type, title, text, author, counts, tags, images, voice, download switch), and for a video
 * note its h264 and h265 streams pointing at the simulator's {@code /media/<noteId>/video.mp4}, one backup URL each.
 * A note that is not a video is answered code 0 without {@code video_info_v2}, the simulator's convention (the vendor
 * says V6 downloads "video notes only" but shows no answer for another note), so a client finds no stream in it.
 */
final class NoteDetailV6 {

    static final String PATH = "/api/xiaohongshu/get-note-detail/v6";
    /** Keeps the V6 fault draws apart from the V1 draws for the same note. */
    static final long FAULT_SALT = 0x7636000000000001L;

    private static final ArrayNode TEMPLATE_DATA = NoteContent.loadTemplateData("/simulator/note-detail-v6-template.json");
    private static final List<String> SAME_AS_V1 = List.of("id", "type", "title", "desc", "time", "ip_location",
            "liked_count", "collected_count", "comments_count", "shared_count", "hash_tag", "ats");
    private static final List<String> USER_FIELDS = List.of("id", "userid", "name", "nickname", "red_id", "image");
    private static final List<String> IMAGE_FIELDS = List.of("fileid", "trace_id", "index", "width", "height",
            "original", "url");

    private NoteDetailV6() {
    }

    /** @param v1Data what {@link NoteContent#dataFor} gives for the note, with the same URLs */
    static ArrayNode dataFor(String noteId, ArrayNode v1Data, MediaUrls urls) {
        ObjectNode v1 = (ObjectNode) v1Data.at("/0/note_list/0");
        ArrayNode data = TEMPLATE_DATA.deepCopy();
        ObjectNode note = (ObjectNode) data.get(0);
        for (String field : SAME_AS_V1) {
            note.set(field, v1.get(field).deepCopy());
        }
        ObjectNode user = (ObjectNode) note.get("user");
        for (String field : USER_FIELDS) {
            user.set(field, v1.at("/user/" + field).deepCopy());
        }
        note.set("images_list", images((ObjectNode) note.get("images_list").get(0), v1.get("images_list")));
        downloadSwitch(note, v1.at("/function_switch/0"));
        NoteContent.writeVoice(note, v1.at("/native_voice_info/url").isTextual()
                ? v1.at("/native_voice_info/url").asText() : null);
        if ("video".equals(v1.get("type").asText())) {
            video((ObjectNode) note.get("video_info_v2"), noteId, urls, v1.at("/images_list/0/url").asText());
        } else {
            note.remove("video_info_v2");
        }
        return data;
    }

    private static ArrayNode images(ObjectNode sample, JsonNode v1Images) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode v1Image : v1Images) {
            ObjectNode image = sample.deepCopy();
            for (String field : IMAGE_FIELDS) {
                image.set(field, v1Image.get(field).deepCopy());
            }
            out.add(image);
        }
        return out;
    }

    /** The template's video_download entry takes V1's enable and reason; its other switches stay. */
    private static void downloadSwitch(ObjectNode note, JsonNode v1Download) {
        for (JsonNode s : note.get("function_switch")) {
            if ("video_download".equals(s.path("type").asText())) {
                ObjectNode download = (ObjectNode) s;
                download.set("enable", v1Download.get("enable").deepCopy());
                download.remove("reason");
                if (v1Download.has("reason")) {
                    download.set("reason", v1Download.get("reason").deepCopy());
                }
            }
        }
    }

    /** Every stream is the one file /media/ serves; the cover frames are the note's first image. */
    private static void video(ObjectNode info, String noteId, MediaUrls urls, String cover) {
        ObjectNode image = (ObjectNode) info.get("image");
        image.put("first_frame", cover).put("thumbnail", cover).put("thumbnail_dim", cover);
        String master = urls.url(noteId, NoteMedia.VIDEO);
        long size = MediaFiles.videoSize(noteId);
        for (JsonNode codec : info.at("/media/stream")) {
            for (JsonNode stream : codec) {
                ObjectNode s = (ObjectNode) stream;
                s.put("master_url", master).put("size", size);
                s.putArray("backup_urls").add(master + "&backup=1");
            }
        }
        ((ObjectNode) info.at("/media/video")).remove("subtitles");
    }
}
