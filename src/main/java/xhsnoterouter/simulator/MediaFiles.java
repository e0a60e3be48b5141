package xhsnoterouter.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Small but real files for {@code /media/}, the same bytes for the same note and name in any simulator. An image is
 * one of {@link #COLOURS} plain pictures, each encoded once (ImageIO is too slow for a benchmark's thousands of
 * downloads), made unique by the note and name written into a comment (JPEG COM segment, PNG tEXt chunk).
 */
final class MediaFiles {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String WAV = "audio/wav";
    static final String MP4 = "video/mp4";

    private static final int COLOURS = 32;
    private static final int SIDE = 64;
    private static final int SAMPLE_RATE = 8000;
    private static final int SAMPLES = SAMPLE_RATE / 5; // 0.2 s
    private static final AtomicReferenceArray<byte[]> JPEGS = new AtomicReferenceArray<>(COLOURS);
    private static final AtomicReferenceArray<byte[]> PNGS = new AtomicReferenceArray<>(COLOURS);

    private MediaFiles() {
    }

    /** The Content-Type a name is served with. */
    static String contentType(String name) {
        if (name.endsWith(".jpg")) {
            return JPEG;
        }
        if (name.endsWith(".png")) {
            return PNG;
        }
        return name.endsWith(".wav") ? WAV : MP4;
    }

    /** The file {@code name} of the note: a name that {@link NoteMedia#has} lists. */
    static byte[] body(String noteId, String name) {
        String label = "xhs-note-router simulator " + noteId + "/" + name;
        long h = Draws.of(noteId + "/" + name);
        return switch (contentType(name)) {
            case JPEG -> withJpegComment(image(JPEGS, "jpg", h), label);
            case PNG -> withPngText(image(PNGS, "png", h), label);
            case WAV -> wav(h);
            default -> mp4(label);
        };
    }

    /** The size {@link #body} has for a video, which the V6 answer gives as the stream's size. */
    static long videoSize(String noteId) {
        return body(noteId, NoteMedia.VIDEO).length;
    }

    private static byte[] image(AtomicReferenceArray<byte[]> cache, String format, long h) {
        int colour = (int) Long.remainderUnsigned(h, COLOURS);
        byte[] bytes = cache.get(colour);
        if (bytes == null) {
            bytes = encode(format, Color.getHSBColor(colour / (float) COLOURS, 0.55f, 0.9f));
            cache.compareAndSet(colour, null, bytes);
        }
        return bytes;
    }

    private static byte[] encode(String format, Color colour) {
        BufferedImage picture = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setColor(colour);
            g.fillRect(0, 0, SIDE, SIDE);
            g.setColor(colour.darker());
            g.fillRect(SIDE / 4, SIDE / 4, SIDE / 2, SIDE / 2);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(picture, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A COM segment right after SOI. */
    private static byte[] withJpegComment(byte[] jpeg, String text) {
        byte[] comment = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + comment.length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xFE).putShort((short) (comment.length + 2)).put(comment);
        return out.put(jpeg, 2, jpeg.length - 2).array();
    }

    /** A tEXt chunk right after IHDR (8 bytes of signature, then 25 of IHDR). */
    private static byte[] withPngText(byte[] png, String text) {
        int afterHeader = 8 + 25;
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        byte[] type = "tEXt".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + data.length);
        out.put(png, 0, afterHeader).putInt(data.length).put(type).put(data).putInt((int) crc.getValue());
        return out.put(png, afterHeader, png.length - afterHeader).array();
    }

    /** 0.2 s of a tone (its pitch drawn), 8 kHz mono 16-bit PCM, little-endian as RIFF wants. */
    private static byte[] wav(long h) {
        double hz = 220 + Long.remainderUnsigned(h, 660);
        int dataBytes = SAMPLES * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
        for (int i = 0; i < SAMPLES; i++) {
            out.putShort((short) (Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE) * 8000));
        }
        return out.array();
    }

    /**
     * An ftyp box (isom), an empty movie header in moov and an mdat holding the label: a real MP4 box structure
     * that no player will show anything for, which is all a downloader can check.
     */
    private static byte[] mp4(String label) {
        byte[] payload = label.getBytes(StandardCharsets.US_ASCII);
        int mvhd = 108;
        ByteBuffer out = ByteBuffer.allocate(24 + 8 + mvhd + 8 + payload.length);
        out.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp41"));
        out.putInt(8 + mvhd).put(ascii("moov"));
        out.putInt(mvhd).put(ascii("mvhd")).putInt(0) // version 0, no flags
                .putInt(0).putInt(0).putInt(1000).putInt(0) // created, modified, timescale, duration
                .putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]) // rate 1.0, volume 1.0, reserved
                .putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0).putInt(0).putInt(0)
                .putInt(0x40000000) // unity matrix
                .put(new byte[24]).putInt(2); // pre_defined, next track ID
        out.putInt(8 + payload.length).put(ascii("mdat")).put(payload);
        return out.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
