package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

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
            System.out.println("AdaptiveRateTest: " + figures);
            assertThat(requests).as(figures).isEqualTo(NOTES + limited);
            // The first round trip is 32 calls at once, before any answer: the bucket takes 20, 12 are answered 302
            // whatever the app does. Its 20 accepted answers come back first and each sends the next note at once, into
            // an empty bucket, while the 12 refusals are still arriving: up to 20 more before a pace can exist (seen:
            // 8 to 34 in the first 300 ms of a cold JVM). The rest must stay under 5 % (seen: 4 to 9 of ~420 over 12
            // runs; bench/run.sh over 2,000 notes: docs/performance.md).
            long firstRoundTrips = 32;
            assertThat((double) Math.max(0, limited - firstRoundTrips) / requests).as("share answered 302 after the"
                    + " first round trips: " + figures).isLessThan(0.05);
            // 400 notes at 20/s: 20 s, less the first second's burst the bucket lets through; the tail waits out a back-off
            assertThat(notesPerSecond).as("close to the limit: " + figures).isBetween(16.0, 22.0);
        }
    }
}
