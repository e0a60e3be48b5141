package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Issue 18 under kill -9: the packaged app is killed (SIGKILL, no shutdown hook runs) while media downloads are in
 * flight, then run again with --once. Nothing under a final name is ever a partial file, and the restart completes
 * every manifest without asking the CDN again for a file saved before the kill.
 *
 * <p>The simulator runs in this JVM (the app gets it as its API, with a token), so it outlives the killed app as the
 * real API and CDN would: the manifests' pending links stay valid across the restart, and its per-file request counts
 * prove what was (not) downloaded twice.
 */
@Timeout(240)
class MediaKillTest {

    private static final int NOTES = 40;
    private static final int API_CONCURRENCY = 4;
    private static final int MEDIA_CONCURRENCY = 2;
    private static final long LATENCY_MS = 300;
    private static final Pattern FINAL_NAME = Pattern.compile("(image-\\d+\\.(jpg|png)|audio\\.wav)");
    private static final Pattern RECOVERED = Pattern.compile(
            "Media: (\\d+) file\\(s\\) the last run did not finish are downloaded now");

    @TempDir
    Path dir;

    /** A final-named file as it was found: its bytes' hash, and what says whether it was written again. */
    private record Saved(String sha256, long bytes, Object fileKey, long modifiedNanos) {
    }

    @Test
    void killedMidDownloadLeavesNoPartialFileAndTheRestartFetchesNothingTwice() throws Exception {
        List<String> ids = NoteIds.ids(0x6d00, NOTES);
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, LATENCY_MS, "", 42))) {
            Workspace work = new Workspace(dir);
            work.drop("media.txt", String.join("\n", ids) + "\n");
            Map<String, String> env = Map.of(
                    "JUSTONEAPI_TOKEN", "tok-media-kill",
                    "JUSTONEAPI_BASE_URL", simulator.baseUrl().toString(),
                    "JUSTONEAPI_CONCURRENCY", Integer.toString(API_CONCURRENCY),
                    "MEDIA_DOWNLOAD", "images,audio",
                    "MEDIA_CONCURRENCY", Integer.toString(MEDIA_CONCURRENCY),
                    "MEDIA_ALLOWED_HOSTS", "127.0.0.1:" + simulator.port());
            Path media = work.outbox().resolve("media");

            Process app = AppProcess.start(dir, env);
            try {
                // Mid-download: a few files saved (a JVM start on a busy machine takes its time), more still to come.
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> finalFiles(media).size() >= 12);
            } finally {
                // Process.destroyForcibly is SIGKILL on Linux: nothing of the app runs after it.
                app.destroyForcibly();
            }
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // 1. What the kill left: every final-named file is a whole file, the manifest's when it says downloaded.
            Map<Path, Saved> savedAtKill = new HashMap<>();
            int pendingAtKill = 0;
            int pendingAlreadyWhole = 0;
            for (Path file : finalFiles(media)) {
                savedAtKill.put(file, whole(file));
            }
            for (Path noteDir : noteDirs(media)) {
                Path manifestFile = noteDir.resolve("manifest.json");
                if (!Files.exists(manifestFile)) {
                    continue;
                }
                for (JsonNode item : Workspace.read(manifestFile).get("items")) {
                    String status = item.get("status").asText();
                    if (status.equals("downloaded")) {
                        Path file = noteDir.resolve(item.get("file").asText());
                        assertThat(savedAtKill).as("%s says downloaded", file).containsKey(file);
                        assertThat(savedAtKill.get(file).sha256()).as(file.toString()).isEqualTo(item.get("sha256").asText());
                        assertThat(savedAtKill.get(file).bytes()).as(file.toString()).isEqualTo(item.get("bytes").asLong());
                    } else {
                        assertThat(status).as(noteDir + "/" + item.get("name").asText()).isEqualTo("pending");
                        pendingAtKill++;
                        if (hasFinalFile(noteDir, item.get("name").asText())) {
                            pendingAlreadyWhole++; // moved into place, the manifest not yet told
                        }
                    }
                }
            }
            // A note archived just before the kill, its manifest not yet written: the restart plans its files.
            int unplannedAtKill = 0;
            for (String id : ids) {
                Path archived = dir.resolve("outbox/notes/" + id + ".json");
                if (Files.exists(archived) && !Files.exists(media.resolve(id).resolve("manifest.json"))) {
                    JsonNode note = Workspace.read(archived).at("/response/data/0/note_list/0");
                    for (JsonNode image : note.path("images_list")) {
                        unplannedAtKill += image.path("original").asText(image.path("url").asText("")).isBlank() ? 0 : 1;
                    }
                    unplannedAtKill += note.path("native_voice_info").path("url").asText("").isBlank() ? 0 : 1;
                }
            }
            assertThat(savedAtKill).as("the kill came mid-download").isNotEmpty();
            assertThat(pendingAtKill).as("the kill came mid-download").isPositive();
            Map<Path, Integer> requestsAtKill = new HashMap<>();
            for (Path file : savedAtKill.keySet()) {
                int requests = simulator.mediaRequestsFor(cdnPath(media, file));
                assertThat(requests).as("%s: one request, no fault", file).isEqualTo(1);
                requestsAtKill.put(file, requests);
            }
            long mediaRequestsAtKill = simulator.mediaRequests();

            // 2. The restart.
            AppProcess.Result restart = AppProcess.run(dir, env, "--once");

            assertThat(restart.status()).as(restart.out() + restart.err()).isZero();
            Matcher recovered = RECOVERED.matcher(restart.out() + restart.err());
            int recoveredCount = recovered.find() ? Integer.parseInt(recovered.group(1)) : 0;
            assertThat(recoveredCount).as("what the manifests called pending, less what was whole already, and the files"
                            + " of notes archived without a manifest yet")
                    .isEqualTo(pendingAtKill - pendingAlreadyWhole + unplannedAtKill);

            int items = 0;
            for (String id : ids) {
                Path noteDir = media.resolve(id);
                assertThat(noteDir.resolve("manifest.json")).as(id).exists();
                try (Stream<Path> files = Files.list(noteDir)) {
                    assertThat(files.map(f -> f.getFileName().toString())).as(id)
                            .noneMatch(n -> n.endsWith(".part") || n.endsWith(".tmp"));
                }
                for (JsonNode item : Workspace.read(noteDir.resolve("manifest.json")).get("items")) {
                    items++;
                    assertThat(item.get("status").asText()).as(id + "/" + item.get("name").asText()).isEqualTo("downloaded");
                    Path file = noteDir.resolve(item.get("file").asText());
                    Saved now = whole(file);
                    assertThat(now.sha256()).as(file.toString()).isEqualTo(item.get("sha256").asText());
                    assertThat(now.bytes()).as(file.toString()).isEqualTo(item.get("bytes").asLong());
                    int requests = simulator.mediaRequestsFor(cdnPath(media, file));
                    if (savedAtKill.containsKey(file)) {
                        // not downloaded twice: the CDN was not asked again, and the very file is untouched
                        assertThat(requests).as(file + ": asked again after the restart").isEqualTo(requestsAtKill.get(file));
                        assertThat(now).as(file + ": rewritten").isEqualTo(savedAtKill.get(file));
                    } else {
                        // one request in flight at the kill may be made again, no more
                        assertThat(requests).as(file.toString()).isBetween(1, 2);
                    }
                }
            }
            long total = simulator.mediaRequests();
            assertThat(total).as("the files, plus at most the downloads in flight at the kill")
                    .isBetween((long) items, (long) items + MEDIA_CONCURRENCY);
            assertThat(finalFiles(media)).hasSize(items);
            for (String id : ids) {
                assertThat(simulator.attemptsFor(id)).as("%s fetched", id).isBetween(1, 2);
            }

            // For docs/reliability.md.
            System.out.printf("MediaKillTest: %d notes, %d files; at the kill %d saved, %d pending (%d of them whole);"
                            + " restart downloaded %d recovered; CDN requests %d at the kill, %d in all; re-downloads of"
                            + " files saved before the kill: 0; files of notes archived without a manifest at the kill: %d%n",
                    ids.size(), items, savedAtKill.size(), pendingAtKill,
                    pendingAlreadyWhole, recoveredCount, mediaRequestsAtKill, total, unplannedAtKill);
        }
    }

    private static List<Path> noteDirs(Path media) throws IOException {
        if (!Files.isDirectory(media)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(media)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Files under a final name ({@code image-N.jpg|png}, {@code audio.wav}), never {@code .part}s or manifests. */
    private static List<Path> finalFiles(Path media) throws IOException {
        if (!Files.isDirectory(media)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(media, 2)) {
            return files.filter(f -> FINAL_NAME.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static boolean hasFinalFile(Path noteDir, String name) throws IOException {
        try (Stream<Path> files = Files.list(noteDir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(n -> FINAL_NAME.matcher(n).matches() && n.startsWith(name + "."));
        }
    }

    /** The simulator's path of a saved file: the app names it as the simulator does. */
    private static String cdnPath(Path media, Path file) {
        return "/media/" + media.relativize(file).toString().replace('\\', '/');
    }

    /** A whole image (ImageIO decodes it) or a whole WAV (its RIFF and data sizes add up to the file's). */
    private static Saved whole(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".wav")) {
            assertThat(isWholeWav(bytes)).as("%s is a whole WAV", file).isTrue();
        } else {
            assertThat(ImageIO.read(file.toFile())).as("%s decodes", file).isNotNull();
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Saved(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), bytes.length,
                attributes.fileKey(), attributes.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                        + attributes.lastModifiedTime().toInstant().getNano());
    }

    private static boolean isWholeWav(byte[] bytes) {
        if (bytes.length < 44) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String riff = new String(bytes, 0, 4, StandardCharsets.US_ASCII);
        String wave = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
        String data = new String(bytes, 36, 4, StandardCharsets.US_ASCII);
        return riff.equals("RIFF") && wave.equals("WAVE") && data.equals("data")
                && b.getInt(4) == bytes.length - 8 && b.getInt(40) == bytes.length - 44;
    }
}
