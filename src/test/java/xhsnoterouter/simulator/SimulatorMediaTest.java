package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;


class SimulatorMediaTest extends RunningSimulator {

    @Test
    void v1ImagesAndAudioAreServedByTheSimulatorAsRealFiles() throws Exception {
        List<String> ids = List.of(noteWhere(m -> m.images().stream().anyMatch(n -> n.endsWith(".png"))),
                noteWhere(m -> m.images().stream().anyMatch(n -> n.endsWith(".jpg"))), noteWhere(NoteMedia::audio))
                .stream().distinct().toList();
        List<String> checked = new ArrayList<>();
        for (String id : ids) {
            JsonNode note = SimClient.note(client.get(id));
            List<String> urls = new ArrayList<>();
            for (JsonNode image : note.get("images_list")) {
                assertThat(image.get("url").asText()).isEqualTo(image.get("original").asText());
                assertThat(image.at("/url_multi_level/high").asText()).isEqualTo(image.get("url").asText());
                urls.add(image.get("original").asText());
            }
            if (note.has("native_voice_info")) {
                urls.add(note.at("/native_voice_info/url").asText());
                assertThat(note.get("widgets_context").asText()).contains(note.at("/native_voice_info/url").asText());
            }
            for (String url : urls) {
                assertThat(url).startsWith(simulator.baseUrl() + "/media/" + id + "/")
                        .matches(".*/(image-\\d+\\.(jpg|png)|audio\\.wav)\\?sign=[0-9a-f]{32}&t=\\d+");
                int before = simulator.mediaRequestsFor(url); // other tests may use the same note
                HttpResponse<byte[]> first = SimClient.download(url);
                assertThat(first.statusCode()).as(url).isEqualTo(200);
                assertRealFile(url, first);
                assertThat(SimClient.download(url).body()).as("the same bytes again").isEqualTo(first.body());
                assertThat(simulator.mediaRequestsFor(url) - before).isEqualTo(2);
                checked.add(url.substring(url.lastIndexOf('.'), url.indexOf('?')));
            }
        }
        assertThat(checked).contains(".jpg", ".png", ".wav");
    }

    @Test
    void aboutOneNoteInFourHasAudioAndImageFormatsVary() {
        int audio = 0;
        int png = 0;
        for (int i = 0; i < 400; i++) {
            NoteMedia media = NoteContent.media(id(i));
            audio += media.audio() ? 1 : 0;
            png += media.images().get(0).endsWith(".png") ? 1 : 0;
        }
        assertThat(audio).isBetween(60, 140);
        assertThat(png).isBetween(140, 260);
    }

    @Test
    void differentNotesGetDifferentBytes() throws Exception {
        String a = id(1);
        String b = id(2);
        MediaUrls urls = new MediaUrls(simulator.baseUrl(), System.currentTimeMillis() / 1000);
        String name = NoteContent.media(a).images().get(0);
        String other = NoteContent.media(b).images().get(0);

        assertThat(SimClient.download(urls.url(a, name)).body()).isNotEqualTo(SimClient.download(urls.url(b, other)).body());
    }

    @Test
    void missingForgedOrStaleSignaturesAre403() throws Exception {
        String id = noteWhere(m -> true);
        String path = MediaUrls.path(id, NoteContent.media(id).images().get(0));
        long now = System.currentTimeMillis() / 1000;
        long stale = now - MediaUrls.MAX_AGE_SECONDS - 60;
        for (String query : List.of("", "?t=" + now, "?sign=&t=" + now, "?sign=" + MediaUrls.sign(path, now - 1) + "&t=" + now,
                "?sign=" + MediaUrls.sign(path, now) + "&t=" + (now + 1), "?sign=" + MediaUrls.sign(path, now),
                "?sign=" + MediaUrls.sign(path, stale) + "&t=" + stale)) {
            HttpResponse<byte[]> response = SimClient.download(simulator.baseUrl() + path + query);

            assertThat(response.statusCode()).as(query).isEqualTo(403);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(query).contains("AccessDenied");
        }
        long recent = now - MediaUrls.MAX_AGE_SECONDS + 60;
        assertThat(SimClient.download(simulator.baseUrl() + path + "?sign=" + MediaUrls.sign(path, recent) + "&t=" + recent)
                .statusCode()).as("signed 59 minutes ago").isEqualTo(200);
    }

    @Test
    void unknownFilesAndMalformedPathsAre404() throws Exception {
        String id = noteWhere(m -> !m.audio() && !m.video() && m.images().size() < 4);
        NoteMedia media = NoteContent.media(id);
        String image = media.images().get(0);
        String otherFormat = image.endsWith(".jpg") ? image.replace(".jpg", ".png") : image.replace(".png", ".jpg");
        long now = System.currentTimeMillis() / 1000;
        long before = simulator.mediaRequests();
        List<String> paths = List.of(MediaUrls.path(id, "image-" + (media.images().size() + 1) + ".jpg"),
                MediaUrls.path(id, "image-0.jpg"), MediaUrls.path(id, otherFormat), MediaUrls.path(id, "audio.wav"),
                MediaUrls.path(id, "video.mp4"), MediaUrls.path(id, "cover.gif"), MediaUrls.path(id.toUpperCase(), image),
                MediaUrls.path(id.substring(1), image), "/media/" + id, "/media/" + id + "/", "/media/",
                MediaUrls.path(id, image) + "/more");
        for (String path : paths) {
            HttpResponse<byte[]> response = SimClient.download(simulator.baseUrl() + path + "?sign="
                    + MediaUrls.sign(path, now) + "&t=" + now);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("text/plain; charset=utf-8");
        }
        assertThat(simulator.mediaRequests() - before).isEqualTo(paths.size());
    }

    @Test
    void mediaRequestsAreCountedApartFromApiRequests() throws Exception {
        String id = id(900);
        JsonNode note = SimClient.note(client.get(id));
        long apiBefore = simulator.requestCount();
        long mediaBefore = simulator.mediaRequests();

        SimClient.download(note.at("/images_list/0/url").asText());

        assertThat(simulator.requestCount()).isEqualTo(apiBefore);
        assertThat(simulator.mediaRequests()).isEqualTo(mediaBefore + 1);
        assertThat(simulator.mediaRequestsFor(MediaUrls.path(id, NoteContent.media(id).images().get(0)))).isEqualTo(1);
    }

    @Test
    void everyAnswerIsSignedAfresh() throws Exception {
        String id = noteWhere(m -> true);
        String url = SimClient.note(client.get(id)).at("/images_list/0/url").asText();
        long t = Long.parseLong(url.substring(url.indexOf("&t=") + 3));

        assertThat(t).isBetween(System.currentTimeMillis() / 1000 - 5, System.currentTimeMillis() / 1000);
    }

    @Test
    void imagesPerNoteGivesEveryNoteExactlyThatManyImagesAndServesThem() throws Exception {
        String video = noteWhere(NoteMedia::video);
        String oneImage = noteWhere(m -> !m.video() && m.images().size() == 1);
        try (Simulator three = Simulator.start(new SimulatorSettings(0, 0, "", 42, 0, 3))) {
            SimClient threeClient = new SimClient(three);
            for (String id : List.of(video, oneImage)) {
                JsonNode note = SimClient.note(threeClient.get(id));
                JsonNode usual = SimClient.note(client.get(id));
                assertThat(note.get("images_list")).as(id).hasSize(3);
                // the rest of the note is drawn as before: its title, type and voice do not move
                assertThat(note.get("title")).isEqualTo(usual.get("title"));
                assertThat(note.get("type")).isEqualTo(usual.get("type"));
                assertThat(note.has("native_voice_info")).isEqualTo(usual.has("native_voice_info"));
                for (JsonNode image : note.get("images_list")) {
                    HttpResponse<byte[]> response = SimClient.download(image.get("url").asText());
                    assertThat(response.statusCode()).as(image.get("url").asText()).isEqualTo(200);
                    assertRealFile(image.get("url").asText(), response);
                }
            }
        }
        assertThat(NoteContent.media(oneImage).images()).as("the default draw").hasSize(1);
    }

    @Test
    void mediaHasTheApiLatency() throws Exception {
        try (Simulator slow = Simulator.start(new SimulatorSettings(0, 300, "", 42))) {
            String id = noteWhere(m -> true);
            String url = new MediaUrls(slow.baseUrl(), System.currentTimeMillis() / 1000)
                    .url(id, NoteContent.media(id).images().get(0));
            long started = System.nanoTime();
            HttpResponse<byte[]> response = SimClient.download(url);
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(tookMs).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void serverErrorFaultsApplyToMediaAndApiOnlyCodesDoNot() throws Exception {
        String id = noteWhere(m -> true);
        for (String[] plan : new String[][] {{"503:1", "503"}, {"500:1", "500"}, {"http502:1", "502"}, {"301:1", "200"},
                {"302:1", "200"}, {"201:1", "200"}, {"malformed:1", "200"}}) {
            try (Simulator faulty = Simulator.start(new SimulatorSettings(0, 0, plan[0], 42))) {
                String url = new MediaUrls(faulty.baseUrl(), System.currentTimeMillis() / 1000)
                        .url(id, NoteContent.media(id).images().get(0));

                assertThat(SimClient.download(url).statusCode()).as(plan[0]).isEqualTo(Integer.parseInt(plan[1]));
            }
        }
    }

    @Test
    void resetAndTimeoutFaultsApplyToMedia() throws Exception {
        String id = noteWhere(m -> true);
        String name = NoteContent.media(id).images().get(0);
        try (Simulator resets = Simulator.start(new SimulatorSettings(0, 0, "reset:1", 42))) {
            String url = new MediaUrls(resets.baseUrl(), System.currentTimeMillis() / 1000).url(id, name);
            assertThatThrownBy(() -> SimClient.download(url)).isInstanceOf(IOException.class);
        }
        try (Simulator holds = Simulator.start(new SimulatorSettings(0, 0, "timeout:1", 42))) {
            String url = new MediaUrls(holds.baseUrl(), System.currentTimeMillis() / 1000).url(id, name);
            assertThatThrownBy(() -> SimClient.download(url, java.time.Duration.ofMillis(500)))
                    .isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void faultDrawsAreSeededPerFileAndAttempt() throws Exception {
        String id = noteWhere(m -> true);
        String name = NoteContent.media(id).images().get(0);
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Simulator faulty = Simulator.start(new SimulatorSettings(0, 0, "500:0.5", 7))) {
                String url = new MediaUrls(faulty.baseUrl(), System.currentTimeMillis() / 1000).url(id, name);
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    statuses.add(SimClient.download(url).statusCode());
                }
                runs.add(statuses);
            }
        }
        assertThat(runs.get(0)).contains(200, 500).isEqualTo(runs.get(1));
    }

    private static void assertRealFile(String url, HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
        if (url.contains(".jpg?")) {
            assertThat(type).isEqualTo("image/jpeg");
            assertThat(Arrays.copyOf(body, 3)).containsExactly(0xFF, 0xD8, 0xFF);
            assertThat(ImageIO.read(new ByteArrayInputStream(body))).isNotNull();
        } else if (url.contains(".png?")) {
            assertThat(type).isEqualTo("image/png");
            assertThat(Arrays.copyOf(body, 4)).containsExactly(0x89, 'P', 'N', 'G');
            assertThat(ImageIO.read(new ByteArrayInputStream(body))).isNotNull();
        } else {
            assertThat(type).isEqualTo("audio/wav");
            assertThat(new String(body, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(new String(body, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
            assertThat(body.length).isGreaterThan(3000);
        }
    }

    /** The first of a fixed series of note IDs whose media fit. */
    static String noteWhere(Predicate<NoteMedia> wanted) {
        for (int i = 0; i < 1000; i++) {
            if (wanted.test(NoteContent.media(id(i)))) {
                return id(i);
            }
        }
        throw new AssertionError("no note fits in the series");
    }

    static String id(int i) {
        return String.format("%024x", Draws.mix64(i + 1) >>> 1);
    }
}
