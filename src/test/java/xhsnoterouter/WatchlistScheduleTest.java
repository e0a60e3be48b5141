package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.Chromium;
import xhsnoterouter.support.LogCapture;
import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Issue 5, the watchlist schedule: at each cron time every note of the watchlist is fetched again, archived or
 * not, leaving one snapshot line per fetch; an edit of the watchlist is read by the next run without a restart; a
 * run due while the previous one is still going is skipped with a log line; the archive keeps the older fetches.
 * Quartz fires by the real clock, so these tests give it a cron of a few chosen seconds ({@link #cronAt}); what the
 * app decides by its own clock (the first run, catch-up after a missed time) is moved by the test, not waited for.
 */
class WatchlistScheduleTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();

    private Workspace workspace(String cron) {
        return new Workspace(dir).clock(clock)
                .set("schedule.cron", cron)
                .set("schedule.time-zone", "UTC");
    }

    @Test
    void threeScheduledRunsLeaveThreeGrowingSnapshotsPerNoteAndPickUpEdits() throws Exception {
        // Run 1 at once (never run before), runs 2 and 3 fired by Quartz; the test edits the list in between.
        Workspace work = workspace(cronAt(Duration.ofSeconds(15), Duration.ofSeconds(27)));
        List<String> ids = NoteIds.ids(0x5c00, 5);
        String extra = NoteIds.id(0x5c01, 0);
        Path watchlist = dir.resolve("config/watchlist.txt");
        // One entry as a link, one already archived from an earlier inbox run: both fetched on every run.
        Files.writeString(watchlist, "# campaign\n" + ids.get(0) + "\nhttps://www.xiaohongshu.com/explore/" + ids.get(1)
                + "?xsec_token=abc\n" + String.join("\n", ids.subList(2, 5)) + "\n", StandardCharsets.UTF_8);
        work.drop("earlier.txt", ids.get(4) + "\n");
        assertThat(work.runOnce().status()).isZero();

        Workspace.Service service = work.startService();
        try {
            // 1: never run before, so at once.
            await().atMost(Duration.ofSeconds(20)).until(() -> work.reports("watchlist.txt").size() == 1);
            assertSnapshotLines(work, ids, 1, 1, 1, 1, 2);
            assertThat(work.report("watchlist.txt").get("fetched").asInt()).isEqualTo(5);
            assertThat(work.report("watchlist.txt").get("alreadyFetched").asInt()).isZero();

            // Edited between runs: one note added. Six hours pass for the notes (their engagement grows).
            Files.writeString(watchlist, "\n" + extra + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            clock.advance(Duration.ofHours(6));
            // 2: at the cron time.
            await().atMost(Duration.ofSeconds(30)).until(() -> work.reports("watchlist.txt").size() == 2);
            assertThat(work.report("watchlist.txt").get("fetched").asInt()).isEqualTo(6);

            // Edited again: the extra note and the first ID removed.
            Files.writeString(watchlist, String.join("\n", ids.subList(1, 5)) + "\n", StandardCharsets.UTF_8);
            clock.advance(Duration.ofHours(6));
            // 3
            await().atMost(Duration.ofSeconds(30)).until(() -> work.reports("watchlist.txt").size() == 3);
            assertThat(work.report("watchlist.txt").get("fetched").asInt()).isEqualTo(4);
        } finally {
            assertThat(service.stop().status()).isZero();
        }
        assertThat(quartzThreads()).as("Quartz stopped with the service").isEmpty();

        assertSnapshotLines(work, ids, 2, 3, 3, 3, 4);
        assertThat(snapshots(work, extra)).hasSize(1);
        for (String id : ids.subList(1, 4)) {
            List<JsonNode> lines = snapshots(work, id);
            for (int i = 1; i < lines.size(); i++) {
                JsonNode before = lines.get(i - 1);
                JsonNode after = lines.get(i);
                assertThat(Instant.parse(after.get("fetchedAt").asText())).isAfter(Instant.parse(before.get("fetchedAt").asText()));
                assertThat(after.get("likes").asLong()).as("likes of %s grow", id).isGreaterThan(before.get("likes").asLong());
                for (String count : List.of("collects", "comments", "shares")) {
                    assertThat(after.get(count).asLong()).as(count).isGreaterThanOrEqualTo(before.get(count).asLong());
                }
            }
            // The newest fetch is notes/<id>.json; the two before it are kept in notes/<id>/.
            JsonNode newest = work.note(id);
            assertThat(newest.get("fetchedAt").asText()).isEqualTo(lines.get(lines.size() - 1).get("fetchedAt").asText());
            List<Path> history = work.files("outbox/notes/" + id);
            assertThat(history).hasSize(lines.size() - 1);
            assertThat(history.get(0).getFileName().toString())
                    .isEqualTo(lines.get(0).get("fetchedAt").asText().replace(':', '-') + ".json");
            assertThat(Workspace.read(history.get(0)).get("fetchedAt").asText()).isEqualTo(lines.get(0).get("fetchedAt").asText());
        }
        // The campaign page, rebuilt after the last run, rendered by a real browser: every note with its chart, the
        // notes that grew most, and when the data was fetched.
        Path page = work.outbox().resolve("report/index.html");
        Chromium.Output dom = new Chromium(Files.createDirectories(dir.resolve("browser"))).run("--dump-dom", page.toUri().toString());
        List<String> all = new ArrayList<>(ids);
        all.add(extra);
        for (String id : all) {
            assertThat(dom.stdout()).as("note %s on the page; %s", id, dom).contains("data-note-id=\"" + id + "\"");
        }
        assertThat(dom.stdout().split("<svg class=\"chart\"", -1)).hasSize(all.size() + 1);
        assertThat(dom.stdout()).contains("Grew most since the previous fetch").contains("Totals per tag");
        assertThat(dom.stdout()).contains(snapshots(work, ids.get(4)).get(3).get("fetchedAt").asText().substring(0, 10));

        // One records.jsonl line per fetch, and the watchlist file itself left where it is.
        assertThat(work.records()).hasSize(1 + 5 + 6 + 4);
        assertThat(watchlist).exists();
        assertThat(work.files("state/watchlist/watchlist")).isEmpty();
        assertThat(Files.readString(dir.resolve("state/schedule/watchlist.last")).trim()).isNotEmpty();
    }

    @Test
    void aRunDueWhileThePreviousIsStillGoingIsSkippedWithALogLine() throws Exception {
        // The first run (at once) takes 8 x 1.5 s; Quartz fires four times meanwhile, 7 to 10 s after the start.
        Workspace work = workspace(cronAt(Duration.ofSeconds(7), Duration.ofSeconds(8), Duration.ofSeconds(9),
                Duration.ofSeconds(10)))
                .set("simulator.latency-ms", "1500")
                .set("justoneapi.concurrency", "1");
        List<String> ids = NoteIds.ids(0x5c10, 8);
        Files.writeString(dir.resolve("config/watchlist.txt"), String.join("\n", ids) + "\n");
        try (LogCapture log = LogCapture.capture()) {
            Workspace.Service service = work.startService();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> !log.containing("run started;").isEmpty());
                await().atMost(Duration.ofSeconds(15)).until(() -> !log.containing("is skipped").isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> work.reports("watchlist.txt").size() == 1);
                Thread.sleep(2500); // a second copy would have started by now
                assertThat(work.reports("watchlist.txt")).hasSize(1);
                assertThat(log.containing("run started;")).hasSize(1);
                assertThat(log.containing("is skipped").get(0)).contains("still going");
            } finally {
                assertThat(service.stop().status()).isZero();
            }
        }
        for (String id : ids) {
            assertThat(snapshots(work, id)).hasSize(1);
        }
    }

    @Test
    void twoServicesInOneJvmEachFireTheirOwnWatchlistAndStopTheirOwnQuartz() throws Exception {
        // Quartz names its schedulers JVM-wide: two instances started together once shared one (the second's job
        // never fired, or its start failed with "Scheduler with name ... already exists").
        List<Workspace> works = new ArrayList<>();
        List<List<String>> lists = List.of(NoteIds.ids(0x5c40, 2), NoteIds.ids(0x5c41, 2));
        for (int i = 0; i < 2; i++) {
            Workspace work = new Workspace(Files.createDirectories(dir.resolve("instance-" + i))).clock(clock)
                    .set("schedule.cron", "0/2 * * * * ?")
                    .set("schedule.time-zone", "UTC");
            Files.writeString(work.dir().resolve("config/watchlist.txt"), String.join("\n", lists.get(i)) + "\n");
            works.add(work);
        }
        List<Workspace.Service> services = List.of(works.get(0).startService(), works.get(1).startService());
        try {
            // The first run at once, then at least two fired by each one's own Quartz.
            await().atMost(Duration.ofSeconds(30)).until(() -> works.stream().allMatch(w -> w.reports("watchlist.txt").size() >= 3));
        } finally {
            for (Workspace.Service service : services) {
                assertThat(service.stop().status()).isZero();
            }
        }
        assertThat(quartzThreads()).as("both Quartz schedulers stopped with their services").isEmpty();
        for (int i = 0; i < 2; i++) {
            Workspace work = works.get(i);
            assertThat(work.report("watchlist.txt").get("fetched").asInt()).isEqualTo(2);
            for (String id : lists.get(i)) {
                assertThat(snapshots(work, id).size()).as("snapshots of %s in instance %s", id, i).isGreaterThanOrEqualTo(3);
            }
            List<String> own = lists.get(i);
            assertThat(work.records()).as("only its own notes").allSatisfy(r -> assertThat(own).contains(r.get("noteId").asText()));
        }
    }

    @Test
    void onceWithWatchlistRunsItNowAndAMissedTimeRunsAtTheNextStart() throws Exception {
        Workspace work = workspace("0 0 9 * * ?");
        List<String> ids = NoteIds.ids(0x5c20, 3);
        Files.writeString(dir.resolve("config/watchlist.txt"), String.join("\n", ids) + "\n");
        work.drop("other.txt", NoteIds.id(0x5c21, 0) + "\n");

        Workspace.Run run = work.runOnce("--watchlist");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("watchlist.txt:").contains("other.txt:");
        for (String id : ids) {
            assertThat(snapshots(work, id)).hasSize(1);
        }
        // --once alone leaves the watchlist alone.
        assertThat(work.runOnce().status()).isZero();
        assertThat(snapshots(work, ids.get(0))).hasSize(1);

        // The service started two days later: the 09:00 runs it missed make one run at once, not two.
        clock.advance(Duration.ofDays(2));
        Workspace.Service service = work.startService();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> work.reports("watchlist.txt").size() == 2);
            Thread.sleep(2000);
            assertThat(work.reports("watchlist.txt")).hasSize(2);
        } finally {
            assertThat(service.stop().status()).isZero();
        }
        assertThat(snapshots(work, ids.get(0))).hasSize(2);
    }

    @Test
    void withoutHistoryOnlyTheNewestArchiveIsKeptButEverySnapshotIs() throws Exception {
        Workspace work = workspace("").set("archive.keep-history", "false");
        String id = NoteIds.id(0x5c30, 0);
        Files.writeString(dir.resolve("config/watchlist.txt"), id + "\n");
        for (int run = 0; run < 3; run++) {
            assertThat(work.runOnce("--watchlist").status()).isZero();
        }
        assertThat(snapshots(work, id)).hasSize(3);
        assertThat(work.note(id).get("fetchedAt").asText()).isEqualTo(snapshots(work, id).get(2).get("fetchedAt").asText());
        assertThat(work.outbox().resolve("notes/" + id)).doesNotExist();
        assertThat(work.records()).hasSize(3);
    }

    @Test
    void aBadCronIsExitStatusTwoNamingTheKey() {
        Workspace.Run run = workspace("every six hours").runOnce();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("schedule.cron").contains("SCHEDULE_CRON");
    }

    /** A Quartz cron firing at the seconds of the minute that are these times from now (by the real clock). */
    private static String cronAt(Duration... fromNow) {
        Instant now = Instant.now();
        return Arrays.stream(fromNow).map(d -> Integer.toString(now.plus(d).atZone(ZoneOffset.UTC).getSecond()))
                .collect(Collectors.joining(",")) + " * * * * ?";
    }

    /** Quartz's threads still alive (its scheduler thread and workers are named after the scheduler). */
    private static List<String> quartzThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.contains("QuartzSchedulerThread") || name.contains("_Worker-")).toList();
    }

    private static void assertSnapshotLines(Workspace work, List<String> ids, int... counts) {
        for (int i = 0; i < ids.size(); i++) {
            assertThat(snapshots(work, ids.get(i))).as("snapshot lines of %s", ids.get(i)).hasSize(counts[i]);
        }
    }

    static List<JsonNode> snapshots(Workspace work, String id) {
        Path file = work.outbox().resolve("snapshots/" + id + ".jsonl");
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.add(Workspace.json(line));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }
}
