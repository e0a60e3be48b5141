package xhsnoterouter.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;

/**
 * The analysis view of one fetched note: one line of {@code records.jsonl} (SPEC §7). A field the response
 * lacks is null (or an empty list), never a made-up value.
 */
public record NoteRecord(
        String noteId,
        String url,
        String type,
        String title,
        String desc,
        String publishedAt,
        String ipLocation,
        Long likes,
        Long collects,
        Long comments,
        Long shares,
        Author author,
        List<String> tags,
        List<Mention> mentions,
        List<Image> images,
        String audioUrl,
        Boolean videoDownloadAllowed,
        String fetchedAt,
        Source source) {

    public record Author(String id, String nickname, String redId) {
    }

    public record Mention(String id, String nickname) {
    }

    public record Image(String url, Long width, Long height) {
    }

    /** @param response the whole API body; the note is {@code data[0].note_list[0]} */
    public static NoteRecord from(JsonNode response, NoteId noteId, Instant fetchedAt, Source source) {
        JsonNode note = response.path("data").path(0).path("note_list").path(0);
        return new NoteRecord(
                noteId.value(),
                noteId.url(),
                text(note, "type"),
                text(note, "title"),
                text(note, "desc"),
                epochSeconds(note.get("time")),
                text(note, "ip_location"),
                count(note.get("liked_count")),
                count(note.get("collected_count")),
                count(note.get("comments_count")),
                count(note.get("shared_count")),
                author(note.get("user")),
                tags(note.get("hash_tag")),
                mentions(note.get("ats")),
                images(note.get("images_list")),
                text(note.path("native_voice_info"), "url"),
                videoDownloadAllowed(note.get("function_switch")),
                fetchedAt.toString(),
                source);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** Counts are integers in every sample; a non-numeric string such as "1.2万" stays null rather than a guess. */
    private static Long count(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    private static String epochSeconds(JsonNode value) {
        Long seconds = count(value);
        return seconds == null ? null : Instant.ofEpochSecond(seconds).toString();
    }

    private static Author author(JsonNode user) {
        if (user == null || !user.isObject()) {
            return null;
        }
        String id = text(user, "userid");
        return new Author(id != null ? id : text(user, "id"), text(user, "nickname"), text(user, "red_id"));
    }

    private static List<String> tags(JsonNode hashTags) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : iterable(hashTags)) {
            String name = text(tag, "name");
            if (name != null) {
                tags.add(name);
            }
        }
        return tags;
    }

    private static List<Mention> mentions(JsonNode ats) {
        List<Mention> mentions = new ArrayList<>();
        for (JsonNode at : iterable(ats)) {
            if (at.isObject()) {
                mentions.add(new Mention(text(at, "id"), text(at, "nickname")));
            }
        }
        return mentions;
    }

    private static List<Image> images(JsonNode imagesList) {
        List<Image> images = new ArrayList<>();
        for (JsonNode image : iterable(imagesList)) {
            if (image.isObject()) {
                String original = text(image, "original");
                images.add(new Image(original != null ? original : text(image, "url"),
                        count(image.get("width")), count(image.get("height"))));
            }
        }
        return images;
    }

    private static Boolean videoDownloadAllowed(JsonNode switches) {
        for (JsonNode s : iterable(switches)) {
            if ("video_download".equals(text(s, "type")) && s.path("enable").isBoolean()) {
                return s.get("enable").asBoolean();
            }
        }
        return null;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node != null && node.isArray() ? node : List.of();
    }
}
