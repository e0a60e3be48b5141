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
