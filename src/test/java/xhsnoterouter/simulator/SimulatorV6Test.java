package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.Json;
import xhsnoterouter.media.VideoStreams;
import xhsnoterouter.support.ScriptedApi;

class SimulatorV6Test extends RunningSimulator {

    @Test
    void aVideoNotesV6AnswerParsesWithVideoStreamsAndItsVideoDownloads() throws Exception {
        String id = SimulatorMediaTest.noteWhere(NoteMedia::video);
        HttpResponse<String> response = client.getV6(id);
        JsonNode answer = SimClient.json(response);
        JsonNode note = VideoStreams.note(answer);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.get("code").asInt()).isZero();
        assertThat(note.get("id").asText()).isEqualTo(id);
        assertThat(note.get("type").asText()).isEqualTo("video");
        VideoStreams.Video video = VideoStreams.choose(note).orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        String master = video.urls().get(0);
        assertThat(master).startsWith(simulator.baseUrl() + "/media/" + id + "/video.mp4?sign=")
                .isEqualTo(note.at("/video_info_v2/media/stream/h264/0/master_url").asText());
        assertThat(video.urls()).containsExactly(master, master + "&backup=1");

        for (String url : video.urls()) {
            HttpResponse<byte[]> file = SimClient.download(url);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("video/mp4");
            assertThat(new String(file.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(new String(file.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("isom");
            assertThat((long) file.body().length).isEqualTo(video.bytes());
        }
        assertThat(simulator.mediaRequestsFor(master)).isEqualTo(2);
    }

    @Test
    void hasTheCapturedV6ShapeWithTheNoteAtData0() throws Exception {
        String id = SimulatorMediaTest.noteWhere(m -> m.video() && m.audio());
        JsonNode answer = SimClient.json(client.getV6(id));
        JsonNode reference = Json.MAPPER.readTree(ScriptedApi.REFERENCE.resolveSibling("sample-response-note-detail-v6.json").toFile());

        assertThat(fieldNames(answer)).containsExactlyInAnyOrder("code", "message", "data", "recordTime", "requestId");
        assertThat(answer.get("data").size()).isEqualTo(1);
        assertThat(fieldNames(answer.at("/data/0"))).isEqualTo(fieldNames(reference.at("/data/0")));
        assertThat(answer.at("/data/0/note_list").isMissingNode()).isTrue();
        assertThat(answer.at("/data/0/native_voice_info/url").asText()).startsWith(simulator.baseUrl() + "/media/" + id + "/audio.wav?");
        assertThat(answer.toString()).as("no link to the vendor's CDN is left").doesNotContain("rednotecdn.com");
    }

    @Test
    void v6AgreesWithV1OnTheNoteAndItsDownloadSwitch() throws Exception {
        int forbidden = 0;
        for (int i = 0; i < 12; i++) {
            String id = SimulatorMediaTest.id(100 + i);
            JsonNode v1 = SimClient.note(client.get(id));
            JsonNode v6 = VideoStreams.note(SimClient.json(client.getV6(id)));

            for (String field : List.of("id", "type", "title", "desc", "liked_count", "shared_count", "hash_tag")) {
                assertThat(v6.get(field)).as(field).isEqualTo(v1.get(field));
            }
            assertThat(v6.at("/user/userid")).isEqualTo(v1.at("/user/userid"));
            assertThat(SimClient.unsigned(v6.get("images_list")).findValuesAsText("original"))
                    .isEqualTo(SimClient.unsigned(v1.get("images_list")).findValuesAsText("original"));
            assertThat(v6.has("native_voice_info")).isEqualTo(v1.has("native_voice_info"));
            boolean v1Forbids = !v1.at("/function_switch/0/enable").asBoolean();
            assertThat(VideoStreams.downloadForbidden(v6)).as(id).isEqualTo(v1Forbids);
            forbidden += v1Forbids ? 1 : 0;
        }
        assertThat(forbidden).as("both kinds among the notes").isBetween(1, 11);
    }

    @Test
    void aNoteThatIsNotAVideoIsAnsweredWithoutStreams() throws Exception {
        String id = SimulatorMediaTest.noteWhere(m -> !m.video());
        JsonNode answer = SimClient.json(client.getV6(id));
        JsonNode note = VideoStreams.note(answer);

        assertThat(answer.get("code").asInt()).isZero();
        assertThat(note.get("type").asText()).isEqualTo("normal");
        assertThat(note.has("video_info_v2")).isFalse();
        assertThat(VideoStreams.choose(note)).isEmpty();
    }

    @Test
    void v6AttemptsAreCountedApartAndDoNotMakeEngagementGrow() throws Exception {
        String id = SimulatorMediaTest.id(500);
        int likes = SimClient.note(client.get(id)).get("liked_count").asInt();
        JsonNode v6 = VideoStreams.note(SimClient.json(client.getV6(id)));
        client.getV6(id);

        assertThat(v6.get("liked_count").asInt()).isEqualTo(likes);
        assertThat(simulator.v6AttemptsFor(id)).isEqualTo(2);
        assertThat(simulator.attemptsFor(id)).isEqualTo(1);
        assertThat(SimClient.note(client.get(id)).get("liked_count").asInt()).isGreaterThan(likes);
    }

    @Test
    void v6HasTheTokenRuleAndFaults() throws Exception {
        String id = SimulatorMediaTest.id(501);
        assertThat(client.getPath(NoteDetailV6.PATH + "?noteId=" + id).statusCode()).isEqualTo(401);
        assertThat(client.getPath(NoteDetailV6.PATH + "?token=t&noteId=nope").statusCode()).isEqualTo(400);
        try (Simulator faulty = Simulator.start(new SimulatorSettings(0, 0, "301:1", 42))) {
            assertThat(SimClient.json(new SimClient(faulty).getV6(id)).get("code").asInt()).isEqualTo(301);
            assertThat(faulty.v6AttemptsFor(id)).isEqualTo(1);
        }
    }
}
