package xhsnoterouter.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import xhsnoterouter.Json;

/** Real media bodies for the test CDN, and the vendor's real answer rewritten to point at it. */
public final class MediaFixtures {

    private MediaFixtures() {
    }

    public static byte[] image(String format, int size, Color colour) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < size; x++) {
            for (int y = 0; y < size; y++) {
                image.setRGB(x, y, (x * y) % 7 == 0 ? colour.getRGB() : Color.WHITE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A WAV of {@code samples} 8-bit mono samples at 8 kHz. */
    public static byte[] wav(int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
        for (int i = 0; i < samples; i++) {
            b.put((byte) (128 + (int) (100 * Math.sin(i / 5.0))));
        }
        return b.array();
    }

    /** The start of an MP4: an ftyp box, then a few bytes of mdat. */
    public static byte[] mp4(int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isomiso2".getBytes(StandardCharsets.US_ASCII));
        b.putInt(size - 24).put("mdat".getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            b.put((byte) (b.position() % 251));
        }
        return b.array();
    }

    /** The vendor's real V1 answer made a video note with this image, its download switch as given. */
    public static ScriptedApi.Answer videoAnswer(String noteId, String imageUrl, boolean downloadAllowed) {
        return rewrite(ScriptedApi.REFERENCE, root -> {
            ObjectNode note = (ObjectNode) root.get("data").get(0).get("note_list").get(0);
            note.put("id", noteId).put("type", "video");
            ObjectNode image = (ObjectNode) note.get("images_list").get(0);
            image.put("original", imageUrl).put("url", imageUrl);
            note.set("images_list", Json.MAPPER.createArrayNode().add(image));
            note.remove("native_voice_info");
            downloadSwitch(note, downloadAllowed);
        });
    }

    /**
     * The vendor's real V6 answer for {@code noteId}: its h264 stream at {@code master} with {@code backups}, its
     * h265 one somewhere never to be chosen, the download switch as given.
     */
    public static ScriptedApi.Answer v6Answer(String noteId, String master, List<String> backups, boolean downloadAllowed) {
        return rewrite(V6_REFERENCE, root -> {
            ObjectNode note = (ObjectNode) root.get("data").get(0);
            note.put("id", noteId);
            ObjectNode h264 = (ObjectNode) note.at("/video_info_v2/media/stream/h264/0");
            h264.put("master_url", master);
            ArrayNode urls = h264.putArray("backup_urls");
            backups.forEach(urls::add);
            ObjectNode h265 = (ObjectNode) note.at("/video_info_v2/media/stream/h265/0");
            h265.put("master_url", "http://h265.invalid/not-chosen.mp4");
            h265.putArray("backup_urls");
            downloadSwitch(note, downloadAllowed);
        });
    }

    public static final java.nio.file.Path V6_REFERENCE =
            java.nio.file.Path.of("src/test/resources/reference/sample-response-note-detail-v6.json");

    private static void downloadSwitch(ObjectNode note, boolean allowed) {
        for (JsonNode s : note.withArray("function_switch")) {
            if ("video_download".equals(s.path("type").asText())) {
                ((ObjectNode) s).put("enable", allowed);
            }
        }
    }

    private static ScriptedApi.Answer rewrite(java.nio.file.Path reference, java.util.function.Consumer<JsonNode> change) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(reference));
            change.accept(root);
            return new ScriptedApi.Reply(200, "application/json", Json.MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The vendor's real V1 answer for {@code noteId}, a normal note whose images are {@code imageUrls} (original and
     * url alike) and whose voice is {@code audioUrl} (none when null).
     */
    public static ScriptedApi.Answer answer(String noteId, List<String> imageUrls, String audioUrl) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE));
            ObjectNode note = (ObjectNode) root.get("data").get(0).get("note_list").get(0);
            note.put("id", noteId).put("type", "normal");
            ObjectNode template = (ObjectNode) note.get("images_list").get(0);
            ArrayNode images = Json.MAPPER.createArrayNode();
            for (String url : imageUrls) {
                images.add(template.deepCopy().put("original", url).put("url", url));
            }
            note.set("images_list", images);
            if (audioUrl == null) {
                note.remove("native_voice_info");
            } else {
                ((ObjectNode) note.get("native_voice_info")).put("url", audioUrl);
            }
            return new ScriptedApi.Reply(200, "application/json", Json.MAPPER.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
