package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * Issue 4, point 5: hostile input. Each file gets a clear outcome, the run ends normally, the API is asked only
 * for real note IDs, and nothing is written outside inbox/, outbox/ and state/ (a folder beside the working
 * folder, which a symbolic link in the inbox points into, is compared byte for byte before and after).
 */
class HostileInputTest {

    @TempDir
    Path root;

    @Test
    void hostileFilesGetClearOutcomesAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        String secretId = NoteIds.id(0xe0e0, 1);
        Files.writeString(outside.resolve("ids.txt"), secretId + "\n");
        Path dir = root.resolve("work");
        String good = NoteIds.id(0xe0e0, 2);
        String quoted = NoteIds.id(0xe0e0, 3);
        String many = NoteIds.id(0xe0e0, 4);
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-hostile");
            Map<String, String> before = snapshot(root, dir);

            work.drop("清单 第一批 (final).txt", String.join("\n",
                    good,
                    "../../../../etc/passwd",
                    "/etc/passwd",
                    "https://www.xiaohongshu.com/explore/../../../../tmp/evil",
                    "https://www.xiaohongshu.com/user/profile/../../" + good.substring(0, 20),
                    "\u0007\u001b[31mred\u001b[0m",
                    "x".repeat(10 * 1024 * 1024)) + "\n");
            work.drop("x..\\..\\evil name.txt", "..\\..\\windows\\system32\n");
            work.drop("nul.txt", secretId + "\n" + "abc\u0000def\n");
            work.drop("deep.json", "[".repeat(100_000));
            try (OutputStream out = Files.newOutputStream(work.inbox().resolve("million.json"))) {
                out.write('[');
                byte[] entry = ("\"" + many + "\",").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 999_999; i++) {
                    out.write(entry);
                }
                out.write(("\"" + many + "\"]").getBytes(StandardCharsets.US_ASCII));
            }
            work.drop("quotes.csv", "noteId,comment\r\n\"" + quoted + "\",\"she said \"\"wow\"\",\r\nthen left\"\r\n"
                    + "\"not\r\nan id\",x\r\n");
            Files.createSymbolicLink(work.inbox().resolve("link.txt"), outside.resolve("ids.txt"));

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).as(run.out() + run.err()).isZero();
            assertThat(api.queries()).allSatisfy(q -> assertThat(q).containsAnyOf("noteId=" + good, "noteId=" + quoted, "noteId=" + many));
            assertThat(api.requestsFor(secretId)).as("neither the link nor the binary file was read").isZero();

            JsonNode first = work.report("清单_第一批__final_.txt");
            assertThat(first.get("fetched").asInt()).isEqualTo(1);
            assertThat(first.get("invalid").asInt()).isEqualTo(6);
            assertThat(work.failure("invalid-清单_第一批__final_.txt-2").get("input").asText()).isEqualTo("../../../../etc/passwd");
            assertThat(work.failure("invalid-清单_第一批__final_.txt-7").get("message").asText()).contains("limit");
            // Camel's file component cannot take a name holding backslashes: set aside, not waited for forever.
            assertThat(work.inbox().resolve(".error/x..\\..\\evil name.txt")).exists();
            assertThat(run.out()).contains("x..\\..\\evil name.txt: not processed: the inbox did not take it");

            assertThat(work.inbox().resolve(".error/nul.txt")).exists();
            assertThat(run.out()).contains("nul.txt: not processed");
            JsonNode deep = Workspace.read(work.files("outbox/failed").stream()
                    .filter(f -> f.getFileName().toString().startsWith("invalid-deep.json")).findFirst().orElseThrow());
            assertThat(deep.get("message").asText()).contains("nesting depth");

            JsonNode million = work.report("million.json");
            assertThat(million.get("entries").asInt()).isEqualTo(1_000_000);
            assertThat(million.get("fetched").asInt()).isEqualTo(1);
            assertThat(million.get("duplicates").asInt()).isEqualTo(999_999);

            JsonNode csv = work.report("quotes.csv");
            assertThat(csv.get("fetched").asInt()).isEqualTo(1);
            assertThat(csv.get("invalid").asInt()).isEqualTo(1);
            assertThat(work.isArchived(quoted)).isTrue();

            assertThat(work.inbox().resolve(".error/link.txt")).isSymbolicLink();
            assertThat(run.out()).contains("link.txt: not processed").contains("symbolic link");

            assertThat(work.files("inbox")).isEmpty();
            assertThat(snapshot(root, dir)).as("nothing outside inbox/, outbox/ and state/ changed").isEqualTo(before);
        }
    }

    @Test
    void aFileDeletedWhileItIsReadStillEndsWithAReportAndOneClearLine() throws Exception {
        Path dir = root.resolve("work");
        java.util.List<String> ids = NoteIds.ids(0xe1e1, 20);
        try (ScriptedApi api = ScriptedApi.start().latency(50)) {
            Workspace work = new Workspace(dir).api(api, "tok-vanish").set("justoneapi.concurrency", "1");
            Workspace.Service service = work.startService();
            Path file = work.drop("vanishing.txt", String.join("\n", ids) + "\n");

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> api.totalRequests() >= 2);
            Files.delete(file);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> !work.files("outbox/reports").isEmpty());
            Workspace.Run run = service.stop();

            assertThat(run.status()).isZero();
            // The open file is read to its end (the system keeps it until closed): every note gets its outcome.
            assertThat(work.report("vanishing.txt").get("fetched").asInt()).isEqualTo(20);
            assertThat(work.records()).hasSize(20);
            assertThat(work.files("inbox")).isEmpty();
            assertThat(work.files("inbox/.done")).isEmpty();
        }
    }

    @Test
    void theServiceSetsAsideAFileItsInboxCannotTake() throws Exception {
        Path dir = root.resolve("work");
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "tok-untaken");
            Workspace.Service service = work.startService();
            Path odd = work.drop("a\\b.txt", NoteIds.id(0xe2e2, 1) + "\n");
            Files.setLastModifiedTime(odd, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> Files.exists(work.inbox().resolve(".error/a\\b.txt")));
            Workspace.Run run = service.stop();

            assertThat(run.status()).isZero();
            assertThat(work.files("inbox")).isEmpty();
            assertThat(Files.readString(work.inbox().resolve(".error/a\\b.txt"))).startsWith(NoteIds.id(0xe2e2, 1));
        }
    }

    /** Every file under {@code root} except the working folder's inbox/, outbox/ and state/, with its content. */
    private static Map<String, String> snapshot(Path root, Path work) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (p.startsWith(work.resolve("inbox")) || p.startsWith(work.resolve("outbox"))
                        || p.startsWith(work.resolve("state")) || Files.isDirectory(p)) {
                    continue;
                }
                files.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
