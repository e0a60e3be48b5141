package xhsnoterouter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A body is saved only when it is the kind asked for: HTML for an expired link, a mislabelled body fail the item. */
class MediaBodyTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] WAV = ascii("RIFF\0\0\0\0WAVEfmt ");
    private static final byte[] MP4 = ascii("\0\0\0\u0018ftypmp42");

    @Test
    void theExtensionComesFromTheContentType() {
        assertThat(MediaBody.extension("image/jpeg")).contains("jpg");
        assertThat(MediaBody.extension("IMAGE/PNG; charset=binary")).contains("png");
        assertThat(MediaBody.extension("audio/x-wav")).contains("wav");
        assertThat(MediaBody.extension("video/mp4")).contains("mp4");
        assertThat(MediaBody.extension("application/octet-stream")).isEmpty();
        assertThat(MediaBody.extension(null)).isEmpty();
    }

    @Test
    void realFilesOfTheKindAskedForPass() {
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "image/jpeg", JPEG)).isEmpty();
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "image/png", PNG)).isEmpty();
        assertThat(MediaBody.refusal(MediaKind.AUDIO, "audio/wav", WAV)).isEmpty();
        assertThat(MediaBody.refusal(MediaKind.VIDEO, "video/mp4", MP4)).isEmpty();
    }

    @Test
    void aWebPageInsteadOfAnImageFailsWhateverItsLabel() {
        byte[] page = ascii("\n<!DOCTYPE html><html>expired</html>");

        assertThat(MediaBody.refusal(MediaKind.IMAGES, "text/html; charset=utf-8", page))
                .contains("the answer is a web page, not an image (Content-Type text/html)");
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "image/jpeg", page)).isPresent();
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "application/json", ascii("{\"code\":403}"))).isPresent();
    }

    @Test
    void theWrongKindOrBytesThatDoNotMatchTheLabelFail() {
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "video/mp4", MP4)).contains("Content-Type video/mp4 is not an image");
        assertThat(MediaBody.refusal(MediaKind.IMAGES, null, JPEG)).contains("Content-Type missing is not an image");
        assertThat(MediaBody.refusal(MediaKind.IMAGES, "image/png", JPEG))
                .contains("the bytes are not image/png as the Content-Type says");
        assertThat(MediaBody.refusal(MediaKind.VIDEO, "video/mp4", new byte[3])).isPresent();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
