package xhsnoterouter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import xhsnoterouter.Json;

/** The stream taken from the vendor's captured V6 answer (src/test/resources/reference/README.md says whence). */
class VideoStreamsTest {

    private static final Path V6 = Path.of("src/test/resources/reference/sample-response-note-detail-v6.json");

    @Test
    void theH264StreamIsChosenWithItsMasterThenBackupUrls() throws Exception {
        JsonNode note = VideoStreams.note(Json.MAPPER.readTree(Files.readAllBytes(V6)));

        VideoStreams.Video video = VideoStreams.choose(note).orElseThrow();

        assertThat(note.path("type").asText()).isEqualTo("video");
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.bytes()).isEqualTo(48_117_142L);
        assertThat(video.width()).isEqualTo(720);
        assertThat(video.urls()).hasSize(3);
        assertThat(video.urls().get(0)).isEqualTo(note.at("/video_info_v2/media/stream/h264/0/master_url").asText());
        assertThat(video.urls().subList(1, 3)).containsExactly(
                note.at("/video_info_v2/media/stream/h264/0/backup_urls/0").asText(),
                note.at("/video_info_v2/media/stream/h264/0/backup_urls/1").asText());
        assertThat(VideoStreams.downloadForbidden(note)).isFalse();
    }

    @Test
    void withoutH264TheH265StreamAndWithNoStreamNothing() throws Exception {
        ObjectNode note = (ObjectNode) VideoStreams.note(Json.MAPPER.readTree(Files.readAllBytes(V6)));
        ((ObjectNode) note.at("/video_info_v2/media/stream")).remove("h264");

        assertThat(VideoStreams.choose(note).orElseThrow().codec()).isEqualTo("h265");

        ((ObjectNode) note.at("/video_info_v2/media/stream")).removeAll();
        assertThat(VideoStreams.choose(note)).isEmpty();
        assertThat(VideoStreams.choose(Json.MAPPER.createObjectNode())).isEmpty();
    }

    @Test
    void aSwitchWithEnableFalseForbidsTheDownload() throws Exception {
        JsonNode note = Json.MAPPER.readTree("""
                {"function_switch":[{"type":"video_download","enable":false,"reason":"作者已关闭下载权限"},
                                    {"type":"quote_note","enable":true}]}""");

        assertThat(VideoStreams.downloadForbidden(note)).isTrue();
        assertThat(VideoStreams.downloadForbidden(Json.MAPPER.createObjectNode())).isFalse();
    }
}
