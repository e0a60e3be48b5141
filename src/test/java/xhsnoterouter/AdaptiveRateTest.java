package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** An API with a rate limit the app is not told about: the app finds it from the 302s and runs just under it. */
class AdaptiveRateTest {

    private static final int NOTES = 400;

    @TempDir
    Path dir;

    @Test
    void settlesJustUnderAnUnpublishedRateLimitWithFewRateLimitAnswers() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 75, "", 7, 20))) {
            Workspace work = new Workspace(dir).set("justoneapi.token", "t")
                    .set("justoneapi.base-url", simulator.baseUrl().toString())
                    .set("justoneapi.concurrency", "32")
                    // the shipped back-off: the test's usual 20 ms sends each refused note back unpaced before the
                    // first answers can say there is a limit, which measures the back-off, not the pace
                    .set("retry.initial-delay-ms", "2000").set("retry.max-delay-ms", "60000");
            work.drop("limited.txt", String.join("\n", NoteIds.ids(0x2a7e, NOTES)) + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isEqualTo(0);
            JsonNode report = work.report("limited.txt");
            assertThat(report.get("fetched").asInt()).as("every note fetched").isEqualTo(NOTES);
            long requests = simulator.requestCount();
            long limited = simulator.rateLimitedCount();
            double notesPerSecond = report.get("notesPerSecond").asDouble();
            String figures = String.format("%d requests, %d answered 302, %.1f notes/s, %.1f requests/s",
                    requests, limited, notesPerSecond, simulator.requestsPerSecond());
            System.out.println("AdaptiveRateTest: " + figures + String.format(", settled %.1f notes/s",
                    settledNotesPerSecond(work)));
            assertThat(requests).as(figures).isEqualTo(NOTES + limited);
            // The first round trip is 32 calls at once, before any answer: the bucket takes 20, 12 are answered 302
            // whatever the app does. Its 20 accepted answers come back first and each sends the next note at once, into
            // an empty bucket, while the 12 refusals are still arriving: up to 20 more before a pace can exist (seen:
            // 8 to 34 in the first 300 ms of a cold JVM). The rest must stay under 5 % (seen: 4 to 9 of ~420 over 12
            // runs; bench/run.sh over 2,000 notes: docs/performance.md).
            long firstRoundTrips = 32;
            assertThat((double) Math.max(0, limited - firstRoundTrips) / requests).as("share answered 302 after the"
                    + " first round trips: " + figures).isLessThan(0.05);
            // The pace it settles at: fetches per second between the 10th and the 90th percentile of fetch times. The
            // file's own notes/s also holds the tail, where the last refused note waits out its back-off (2 s, 4 s, 8 s
            // with jitter): one note refused three times took a CI run to 14.6 notes/s at a settled 19/s.
            double settled = settledNotesPerSecond(work);
            assertThat(settled).as("settled close to the limit: %.1f notes/s; %s", settled, figures).isBetween(17.0, 22.0);
            // and the tail stays a tail: the whole file at no less than two thirds of the limit
            assertThat(notesPerSecond).as("whole file: " + figures).isGreaterThan(13.0);
        }
    }

    private static double settledNotesPerSecond(Workspace work) {
        List<Instant> times = work.records().stream().map(r -> Instant.parse(r.get("fetchedAt").asText())).sorted()
                .toList();
        int from = times.size() / 10;
        int to = times.size() * 9 / 10;
        return (to - from) * 1000.0 / Duration.between(times.get(from), times.get(to)).toMillis();
    }
}
