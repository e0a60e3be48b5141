package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/**
 * Issue 4, points 3 and 7: 2,000 entries against the simulator injecting every fault kind at once, the app a
 * child process with a known token. Every entry is accounted for, no note gets more than retry.max-attempts
 * calls, back-off waits really happen, the report's counts match the files on disk, and the token is in no
 * log line and no file the app wrote.
 */
class ChaosTest {

    private static final String TOKEN = "Chaos-T0ken-9f8e7d";
    private static final int ATTEMPTS = 4;
    private static final long INITIAL_DELAY_MS = 50;

    @TempDir
    Path dir;

    @Test
    void everyFaultAtOnceLosesNothingAndKeepsEveryRule() throws Exception {
        List<String> ids = NoteIds.ids(0xc4a0, 2000);
        String faults = "301:0.05,302:0.001,500:0.04,503:0.03,http502:0.03,timeout:0.005,reset:0.03,malformed:0.03,201:0.03";
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 2, faults, 11))) {
            Workspace work = new Workspace(dir);
            List<String> lines = new ArrayList<>(ids);
            lines.add(100, "https://www.xiaohongshu.com/explore/not-an-id");
            lines.add(900, ids.get(5));
            work.drop("chaos.txt", String.join("\n", lines) + "\n");

            AppProcess.Result run = AppProcess.run(dir, Map.of(
                    "JUSTONEAPI_TOKEN", TOKEN,
                    "JUSTONEAPI_BASE_URL", simulator.baseUrl().toString(),
                    "JUSTONEAPI_CONCURRENCY", "16",
                    "JUSTONEAPI_TIMEOUT_SECONDS", "1",
                    "RETRY_MAX_ATTEMPTS", Integer.toString(ATTEMPTS),
                    "RETRY_INITIAL_DELAY_MS", Long.toString(INITIAL_DELAY_MS),
                    "RETRY_MAX_DELAY_MS", "400"), "--once");

            assertThat(run.status()).as(run.err()).isZero();
            JsonNode report = work.report("chaos.txt");
            long fetched = report.get("fetched").asLong();
            long notFound = report.get("notFound").asLong();
            long failed = report.get("failed").asLong();
            assertThat(report.get("entries").asLong()).isEqualTo(2002);
            assertThat(report.get("invalid").asLong() + report.get("duplicates").asLong() + report.get("alreadyFetched").asLong()
                    + fetched + notFound + failed + report.get("pending").asLong()).isEqualTo(2002);
            assertThat(report.get("pending").asLong()).isZero();
            assertThat(notFound).as("some 201s were injected").isPositive();
            assertThat(failed).as("some notes ran out of attempts").isPositive();

            // The counts match the files on disk, and every note ID has exactly one outcome.
            Set<String> archived = new HashSet<>();
            work.records().forEach(r -> archived.add(r.get("noteId").asText()));
            assertThat(work.records()).hasSize((int) fetched);
            assertThat(work.files("outbox/notes")).hasSize((int) fetched);
            Map<String, Long> reasons = new HashMap<>();
            Set<String> failedIds = new HashSet<>();
            for (Path file : work.files("outbox/failed")) {
                JsonNode f = Workspace.read(file);
                reasons.merge(f.get("reason").asText(), 1L, Long::sum);
                if (!f.get("noteId").isNull()) {
                    failedIds.add(f.get("noteId").asText());
                }
                if (f.get("reason").asText().equals("RETRIES_EXHAUSTED")) {
                    assertThat(f.get("attempts").asInt()).isEqualTo(ATTEMPTS);
                    // Three back-offs of 50, 100 and 200 ms, each at least 75 % of its nominal length.
                    long spanMs = Duration.between(Instant.parse(f.get("firstAttemptAt").asText()),
                            Instant.parse(f.get("lastAttemptAt").asText())).toMillis();
                    assertThat(spanMs).as(file.toString()).isGreaterThanOrEqualTo((long) (0.75 * (50 + 100 + 200)));
                }
            }
            Map<String, Long> byReason = new HashMap<>();
            report.get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
            assertThat(reasons).isEqualTo(byReason);
            assertThat(failedIds).doesNotContainAnyElementsOf(archived);
            Set<String> accounted = new HashSet<>(archived);
            accounted.addAll(failedIds);
            assertThat(accounted).containsExactlyInAnyOrderElementsOf(ids);

            // Counted by the server: the JDK client's own re-send after a reset is turned off (ApiClient).
            for (String id : ids) {
                assertThat(simulator.attemptsFor(id)).as(id).isBetween(1, ATTEMPTS);
            }

            assertThat(run.out() + run.err()).doesNotContain(TOKEN).doesNotContain("Chaos-T0ken");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                            .doesNotContain("Chaos-T0ken");
                }
            }
        }
    }
}
