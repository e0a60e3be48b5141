package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.MediaFixtures;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.TestCdn;
import xhsnoterouter.support.TestCdn.CutShort;
import xhsnoterouter.support.TestCdn.File;
import xhsnoterouter.support.TestCdn.Redirect;
import xhsnoterouter.support.TestCdn.Slow;
import xhsnoterouter.support.TestCdn.Status;
import xhsnoterouter.support.Workspace;

/**
 * Issue 18, media archiving end to end: the real app with --once, a scripted API whose answers (the vendor's real
 * one, rewritten) point at a real HTTP server on 127.0.0.1 playing the CDN. What is asserted is what a user sees:
 * the files under outbox/media/<noteId>/, their manifest, the report, and the requests that reached the CDN.
 */
@Timeout(90)
class MediaArchiveTest {

    private static final byte[] JPEG = MediaFixtures.image("jpg", 48, Color.RED);
    private static final byte[] PNG = MediaFixtures.image("png", 32, Color.BLUE);
    private static final byte[] WAV = MediaFixtures.wav(1600);

    @TempDir
    Path dir;
    private ScriptedApi api;
    private TestCdn cdn;

    @BeforeEach
    void servers() throws Exception {
        api = ScriptedApi.start();
        cdn = TestCdn.start();
    }

    @AfterEach
    void stop() {
        api.close();
        cdn.close();
    }

    private Workspace workspace(String download) {
        return new Workspace(dir).api(api, "test-token-media")
                .set("media.download", download)
                .set("media.allowed-hosts", "*.xhscdn.com," + cdn.hostAndPort())
                .set("media.timeout-seconds", "2")
                .set("retry.max-attempts", "3");
    }

    @Test
    void everyKindIsSavedWithItsBytesAndAManifestAndTheReportCountsThem() throws Exception {
        String id = NoteIds.id(0x6a00, 0);
        cdn.serve("/a/1.jpg", new File("image/jpeg", JPEG))
                .serve("/a/2.png", new File("image/png; charset=binary", PNG))
                .serve("/a/voice", new File("audio/wav", WAV));
        api.script(id, MediaFixtures.answer(id, List.of(cdn.url("/a/1.jpg"), cdn.url("/a/2.png")), cdn.url("/a/voice")));
        Workspace work = workspace("images,audio");
        work.drop("campaign.txt", id + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.err()).isZero();
        Path media = work.outbox().resolve("media/" + id);
        assertThat(media.resolve("image-1.jpg")).hasBinaryContent(JPEG);
        assertThat(media.resolve("image-2.png")).hasBinaryContent(PNG);
        assertThat(media.resolve("audio.wav")).hasBinaryContent(WAV);
        JsonNode manifest = Workspace.read(media.resolve("manifest.json"));
        assertThat(manifest.get("noteId").asText()).isEqualTo(id);
        assertThat(manifest.get("items")).hasSize(3);
        JsonNode first = manifest.get("items").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("image");
        assertThat(first.get("status").asText()).isEqualTo("downloaded");
        assertThat(first.get("file").asText()).isEqualTo("image-1.jpg");
        assertThat(first.get("bytes").asLong()).isEqualTo(JPEG.length);
        assertThat(first.get("sha256").asText()).isEqualTo(sha256(JPEG));
        assertThat(first.get("contentType").asText()).isEqualTo("image/jpeg");
        // saved: the signature that expires is not kept
        assertThat(first.get("url").asText()).isEqualTo("http://" + cdn.hostAndPort() + "/a/1.jpg");
        assertThat(manifest.get("items").get(2).get("kind").asText()).isEqualTo("audio");
        JsonNode report = work.report("campaign.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(1);
        assertThat(report.get("media").get("downloaded").asInt()).isEqualTo(3);
        assertThat(report.get("media").get("failed").asInt()).isZero();
        assertThat(report.get("media").get("bytes").asLong()).isEqualTo(JPEG.length + PNG.length + WAV.length);
        assertThat(run.out()).contains("media: 3 saved");
        assertThat(cdn.requests()).hasSize(3);
        assertThat(String.join("\n", cdn.requests())).doesNotContain("test-token-media");
        assertNoPartFiles(media);
        // the campaign page, rebuilt once the batch's media are in, shows the first saved image, never its URL
        String page = Files.readString(work.outbox().resolve("report/index.html"));
        assertThat(page).contains("<img class=\"thumb\" src=\"../media/" + id + "/image-1.jpg\"").doesNotContain(cdn.hostAndPort());
    }

    @Test
    void aUrlOnAHostNotAllowedIsAFailedItemAndNeverRequested() throws Exception {
        String id = NoteIds.id(0x6a01, 0);
        try (TestCdn elsewhere = TestCdn.start()) {
            elsewhere.serve("/x.jpg", new File("image/jpeg", JPEG));
            cdn.serve("/ok.jpg", new File("image/jpeg", JPEG))
                    .serve("/away.jpg", new Redirect(elsewhere.url("/x.jpg")));
            api.script(id, MediaFixtures.answer(id, List.of(elsewhere.url("/x.jpg"),
                    "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", cdn.url("/ok.jpg"),
                    cdn.url("/away.jpg")), null));
            Workspace work = workspace("images");
            work.drop("hosts.txt", id + "\n");

            assertThat(work.runOnce().status()).isZero();

            JsonNode items = Workspace.read(work.outbox().resolve("media/" + id + "/manifest.json")).get("items");
            for (int i : new int[] {0, 1, 2, 4}) {
                assertThat(items.get(i).get("status").asText()).as("item %s", i).isEqualTo("failed");
                assertThat(items.get(i).get("reason").asText()).as("item %s", i).startsWith("HOST_NOT_ALLOWED");
            }
            assertThat(items.get(3).get("status").asText()).isEqualTo("downloaded");
            // a refused URL keeps its whole form, for whoever looks into it
            assertThat(items.get(0).get("url").asText()).contains("sign=");
            assertThat(elsewhere.requests()).as("the host not allowed, directly or by a redirect").isEmpty();
            assertThat(cdn.requestsFor("/away.jpg")).isEqualTo(1);
            assertThat(work.report("hosts.txt").get("media").get("failed").asInt()).isEqualTo(4);
            assertThat(work.report("hosts.txt").get("fetched").asInt()).as("a failed item does not fail its note").isEqualTo(1);
            assertThat(work.files("outbox/media/" + id)).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("image-4.jpg", "manifest.json");
        }
    }

    @Test
    void aBodyThatIsNotTheWholeFileNeverEndsUnderAFinalName() throws Exception {
        String id = NoteIds.id(0x6a02, 0);
        byte[] big = MediaFixtures.image("png", 400, Color.GREEN);
        cdn.serve("/html.jpg", new File("text/html; charset=utf-8", "<!DOCTYPE html><html>expired</html>".getBytes()))
                .serve("/short.jpg", new CutShort("image/jpeg", JPEG))
                .serve("/big.png", new File("image/png", big))
                .serve("/slow.jpg", new Slow("image/jpeg", JPEG, 150))
                .serve("/flaky.png", new Status(503), new File("image/png", PNG))
                .serve("/gone.jpg", new Status(404));
        api.script(id, MediaFixtures.answer(id, List.of(cdn.url("/html.jpg"), cdn.url("/short.jpg"), cdn.url("/big.png"),
                cdn.url("/slow.jpg"), cdn.url("/flaky.png"), cdn.url("/gone.jpg")), null));
        Workspace work = workspace("images").set("media.max-bytes", (big.length - 1) + "");
        work.drop("bodies.txt", id + "\n");

        assertThat(work.runOnce().status()).isZero();

        Path media = work.outbox().resolve("media/" + id);
        JsonNode items = Workspace.read(media.resolve("manifest.json")).get("items");
        assertThat(reason(items, 0)).startsWith("NOT_MEDIA").contains("web page");
        assertThat(reason(items, 1)).startsWith("RETRIES_EXHAUSTED: CUT_SHORT");
        assertThat(cdn.requestsFor("/short.jpg")).as("tried retry.max-attempts times").isEqualTo(3);
        assertThat(reason(items, 2)).startsWith("TOO_LARGE");
        assertThat(reason(items, 3)).startsWith("RETRIES_EXHAUSTED: TIMEOUT");
        assertThat(items.get(4).get("status").asText()).isEqualTo("downloaded");
        assertThat(cdn.requestsFor("/flaky.png")).isEqualTo(2);
        assertThat(media.resolve("image-5.png")).hasBinaryContent(PNG);
        assertThat(reason(items, 5)).startsWith("EXPIRED: HTTP 404");
        assertThat(work.files("outbox/media/" + id)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("image-5.png", "manifest.json");
        JsonNode report = work.report("bodies.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(1);
        assertThat(report.get("media").get("downloaded").asInt()).isEqualTo(1);
        assertThat(report.get("media").get("failed").asInt()).isEqualTo(5);
    }

    @Test
    void aVideoComesThroughV6OnlyWhenItsAuthorAllowsDownloads() throws Exception {
        String allowed = NoteIds.id(0x6a05, 0);
        String forbiddenInV1 = NoteIds.id(0x6a05, 1);
        String forbiddenInV6 = NoteIds.id(0x6a05, 2);
        byte[] mp4 = MediaFixtures.mp4(40_000);
        cdn.serve("/cover.jpg", new File("image/jpeg", JPEG))
                .serve("/v/master.mp4", new Status(404))
                .serve("/v/backup.mp4", new File("video/mp4", mp4));
        api.script(allowed, MediaFixtures.videoAnswer(allowed, cdn.url("/cover.jpg"), true))
                .scriptV6(allowed, ScriptedApi.code(200, 301, "collection failed"),
                        MediaFixtures.v6Answer(allowed, cdn.url("/v/master.mp4"), List.of(cdn.url("/v/backup.mp4")), true));
        api.script(forbiddenInV1, MediaFixtures.videoAnswer(forbiddenInV1, cdn.url("/cover.jpg"), false));
        api.script(forbiddenInV6, MediaFixtures.videoAnswer(forbiddenInV6, cdn.url("/cover.jpg"), true))
                .scriptV6(forbiddenInV6, MediaFixtures.v6Answer(forbiddenInV6, cdn.url("/v/backup.mp4"), List.of(), false));
        Workspace work = workspace("images,video");
        work.drop("videos.txt", String.join("\n", allowed, forbiddenInV1, forbiddenInV6) + "\n");

        assertThat(work.runOnce().status()).isZero();

        Path media = work.outbox().resolve("media/" + allowed);
        assertThat(media.resolve("video.mp4")).hasBinaryContent(mp4);
        JsonNode video = Workspace.read(media.resolve("manifest.json")).get("items").get(1);
        assertThat(video.get("kind").asText()).isEqualTo("video");
        assertThat(video.get("status").asText()).isEqualTo("downloaded");
        assertThat(video.get("sha256").asText()).isEqualTo(sha256(mp4));
        assertThat(video.get("url").asText()).as("the backup URL that worked").endsWith("/v/backup.mp4");
        assertThat(api.v6RequestsFor(allowed)).as("301 is retried, like a V1 call").isEqualTo(2);
        assertThat(cdn.requestsFor("/v/master.mp4")).isEqualTo(1);

        JsonNode noV6 = Workspace.read(work.outbox().resolve("media/" + forbiddenInV1 + "/manifest.json")).get("items").get(1);
        assertThat(noV6.get("status").asText()).isEqualTo("skipped");
        assertThat(noV6.get("reason").asText()).startsWith("VIDEO_DOWNLOAD_FORBIDDEN");
        assertThat(api.v6RequestsFor(forbiddenInV1)).as("a forbidden download costs no V6 call").isZero();
        JsonNode saidByV6 = Workspace.read(work.outbox().resolve("media/" + forbiddenInV6 + "/manifest.json")).get("items").get(1);
        assertThat(saidByV6.get("reason").asText()).startsWith("VIDEO_DOWNLOAD_FORBIDDEN");
        assertThat(work.outbox().resolve("media/" + forbiddenInV6 + "/video.mp4")).doesNotExist();

        JsonNode report = work.report("videos.txt");
        assertThat(report.get("apiCalls").asInt()).as("3 V1 calls and 3 V6 calls, all billed").isEqualTo(6);
        assertThat(report.get("media").get("downloaded").asInt()).as("3 covers and 1 video").isEqualTo(4);
        assertThat(report.get("media").get("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void expiredUrlsAreRefreshedOncePerNoteByFetchingTheNoteAgain() throws Exception {
        String id = NoteIds.id(0x6a06, 0);
        String stale = NoteIds.id(0x6a06, 1);
        cdn.serve("/e1.jpg", new Status(403)).serve("/e2.png", new Status(403)).serve("/e3.jpg", new Status(404))
                .serve("/f1.jpg", new File("image/jpeg", JPEG)).serve("/f2.png", new File("image/png", PNG))
                .serve("/s.jpg", new Status(403));
        api.script(id, MediaFixtures.answer(id, List.of(cdn.url("/e1.jpg"), cdn.url("/e2.png"), cdn.url("/e3.jpg")), null),
                MediaFixtures.answer(id, List.of(cdn.url("/f1.jpg"), cdn.url("/f2.png")), null));
        // its fresh answer gives the same URL, which still answers 403: failed, and no third call
        api.script(stale, MediaFixtures.answer(stale, List.of(cdn.url("/s.jpg")), null));
        Workspace work = workspace("images");
        work.drop("expired.txt", id + "\n" + stale + "\n");

        assertThat(work.runOnce().status()).isZero();

        Path media = work.outbox().resolve("media/" + id);
        assertThat(media.resolve("image-1.jpg")).hasBinaryContent(JPEG);
        assertThat(media.resolve("image-2.png")).hasBinaryContent(PNG);
        JsonNode items = Workspace.read(media.resolve("manifest.json")).get("items");
        assertThat(items.get(0).get("url").asText()).endsWith("/f1.jpg");
        assertThat(reason(items, 2)).startsWith("EXPIRED").contains("no longer has this file");
        assertThat(api.requestsFor(id)).as("the note fetched again once for its three expired files").isEqualTo(2);
        assertThat(cdn.requestsFor("/e1.jpg")).isEqualTo(1);
        JsonNode staleItem = Workspace.read(work.outbox().resolve("media/" + stale + "/manifest.json")).get("items").get(0);
        assertThat(reason(Workspace.read(work.outbox().resolve("media/" + stale + "/manifest.json")).get("items"), 0))
                .startsWith("EXPIRED: HTTP 403").contains("also at the note's fresh URL");
        assertThat(staleItem.get("url").asText()).as("a failed file keeps its URL whole").contains("sign=");
        assertThat(api.requestsFor(stale)).isEqualTo(2);
        assertThat(cdn.requestsFor("/s.jpg")).isEqualTo(2);
        JsonNode report = work.report("expired.txt");
        assertThat(report.get("apiCalls").asInt()).as("the refreshing calls are billed calls too").isEqualTo(4);
        assertThat(report.get("media").get("downloaded").asInt()).isEqualTo(2);
        assertThat(report.get("media").get("failed").asInt()).isEqualTo(2);
    }

    @Test
    void slowDownloadsNeverHoldUpTheApiCalls() throws Exception {
        // One download at a time, 1.5 s each: 8 notes' files take 12 s; their notes are all archived long before.
        List<String> ids = NoteIds.ids(0x6a08, 8);
        for (int i = 0; i < ids.size(); i++) {
            cdn.serve("/slow/" + i + ".jpg", new TestCdn.Late(1500, new File("image/jpeg", JPEG)));
            api.script(ids.get(i), MediaFixtures.answer(ids.get(i), List.of(cdn.url("/slow/" + i + ".jpg")), null));
        }
        Workspace work = workspace("images").set("media.concurrency", "1").set("schedule.cron", "");
        Workspace.Service service = work.startService();
        try {
            work.drop("slow.txt", String.join("\n", ids) + "\n");
            await().atMost(Duration.ofSeconds(6)).until(() -> work.records().size() == ids.size());
            assertThat(cdn.requests().size()).as("downloads still going when every note is in").isLessThan(ids.size());
            assertThat(work.reports("slow.txt")).as("the report waits for the media").isEmpty();
            await().atMost(Duration.ofSeconds(40)).until(() -> work.reports("slow.txt").size() == 1);
            assertThat(work.report("slow.txt").get("media").get("downloaded").asInt()).isEqualTo(ids.size());
        } finally {
            assertThat(service.stop().status()).isZero();
        }
    }

    @Test
    void noneWritesNoMediaAndRequestsNothingMore() throws Exception {
        String id = NoteIds.id(0x6a03, 0);
        cdn.serve("/a.jpg", new File("image/jpeg", JPEG));
        api.script(id, MediaFixtures.answer(id, List.of(cdn.url("/a.jpg")), cdn.url("/a.jpg")));
        Workspace work = workspace("none");
        work.drop("plain.txt", id + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isZero();
        assertThat(work.outbox().resolve("media")).doesNotExist();
        assertThat(cdn.requests()).isEmpty();
        assertThat(api.totalRequests()).isEqualTo(1);
        assertThat(work.report("plain.txt").has("media") && !work.report("plain.txt").get("media").isNull()).isFalse();
        assertThat(run.out()).doesNotContain("media:");
    }

    @Test
    void aRunCutOffMidDownloadIsCompletedByTheNextStartWithoutFetchingAnythingTwice() throws Exception {
        String id = NoteIds.id(0x6a04, 0);
        cdn.serve("/1.jpg", new File("image/jpeg", JPEG)).serve("/2.png", new File("image/png", PNG));
        Workspace work = workspace("images");
        // What a kill leaves: image-1 saved and in the manifest, image-2 pending with half a part file.
        Path media = Files.createDirectories(work.outbox().resolve("media/" + id));
        Files.write(media.resolve("image-1.jpg"), JPEG);
        Files.write(media.resolve("image-2.part"), new byte[] {1, 2, 3});
        Files.writeString(media.resolve("manifest.json"), """
                {"noteId":"%s","items":[
                 {"kind":"image","name":"image-1","url":"%s","status":"downloaded","file":"image-1.jpg","bytes":%d,
                  "sha256":"%s","contentType":"image/jpeg"},
                 {"kind":"image","name":"image-2","url":"%s","status":"pending"}]}
                """.formatted(id, cdn.url("/1.jpg"), JPEG.length, sha256(JPEG), cdn.url("/2.png")));

        assertThat(work.runOnce().status()).isZero();

        assertThat(media.resolve("image-2.png")).hasBinaryContent(PNG);
        assertThat(media.resolve("image-2.part")).doesNotExist();
        JsonNode items = Workspace.read(media.resolve("manifest.json")).get("items");
        assertThat(items.get(1).get("status").asText()).isEqualTo("downloaded");
        assertThat(items.get(1).get("sha256").asText()).isEqualTo(sha256(PNG));
        assertThat(cdn.requestsFor("/1.jpg")).isZero();
        assertThat(cdn.requestsFor("/2.png")).isEqualTo(1);
        assertThat(api.totalRequests()).isZero();
    }

    @Test
    void onTheSimulatorEveryFetchedNoteGetsItsImagesAndAudio() throws Exception {
        // No token: the built-in simulator, whose answers point at its own /media/ path (allowed by the app).
        Workspace work = new Workspace(dir).set("media.download", "images,audio");
        List<String> ids = NoteIds.ids(0x6a10, 12);
        work.drop("demo.txt", String.join("\n", ids) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode report = work.report("demo.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(12);
        long images = 0;
        long audio = 0;
        for (JsonNode record : work.records()) {
            String id = record.get("noteId").asText();
            JsonNode items = Workspace.read(work.outbox().resolve("media/" + id + "/manifest.json")).get("items");
            assertThat(items).hasSize(record.get("images").size() + (record.get("audioUrl").isNull() ? 0 : 1));
            for (JsonNode item : items) {
                assertThat(item.get("status").asText()).as("%s %s", id, item).isEqualTo("downloaded");
                Path file = work.outbox().resolve("media/" + id + "/" + item.get("file").asText());
                assertThat(Files.size(file)).isEqualTo(item.get("bytes").asLong());
                assertThat(sha256(Files.readAllBytes(file))).isEqualTo(item.get("sha256").asText());
                if (item.get("kind").asText().equals("image")) {
                    assertThat(javax.imageio.ImageIO.read(file.toFile())).as("a real image").isNotNull();
                    images++;
                } else {
                    audio++;
                }
            }
        }
        assertThat(images).isGreaterThanOrEqualTo(12);
        assertThat(report.get("media").get("downloaded").asLong()).isEqualTo(images + audio);
        assertThat(report.get("apiCalls").asInt()).as("media cost no API call").isEqualTo(12);
    }

    @Test
    void aFileLeftPendingByAnEarlierSimulatorRunIsFetchedFromTheNewSimulatorsAddress() throws Exception {
        // The simulator listens on another port at every start: a pending URL of the last run is not allowed now, so
        // the note is fetched again for its fresh URL (once) rather than the file failing HOST_NOT_ALLOWED.
        String id = NoteIds.id(0x6a07, 0);
        Workspace work = new Workspace(dir).set("media.download", "images");
        Path media = Files.createDirectories(work.outbox().resolve("media/" + id));
        Files.writeString(media.resolve("manifest.json"), """
                {"noteId":"%s","items":[{"kind":"image","name":"image-1",
                 "url":"http://127.0.0.1:1/media/%s/image-1.jpg?sign=00&t=1","status":"pending"}]}
                """.formatted(id, id));

        assertThat(work.runOnce().status()).isZero();

        JsonNode item = Workspace.read(media.resolve("manifest.json")).get("items").get(0);
        assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("downloaded");
        assertThat(item.get("url").asText()).doesNotContain("127.0.0.1:1/");
        assertThat(javax.imageio.ImageIO.read(media.resolve(item.get("file").asText()).toFile())).isNotNull();
    }

    private static String reason(JsonNode items, int i) {
        assertThat(items.get(i).get("status").asText()).as("item %s", i).isEqualTo("failed");
        return items.get(i).get("reason").asText();
    }

    private static void assertNoPartFiles(Path media) throws Exception {
        try (var files = Files.list(media)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp"));
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
