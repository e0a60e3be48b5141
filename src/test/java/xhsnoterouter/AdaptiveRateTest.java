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
                    .set("justoneapi.concurrency", "32");
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
            // whatever the app does. The rest must stay under 5 % (quiet machine: 0-3 %; over 2,000 notes, bench/run.sh
            // measured 0.8 % in all).
            long firstRoundTrip = 32 - 20;
            assertThat((double) Math.max(0, limited - firstRoundTrip) / requests).as("share answered 302 after the first"
                    + " round trip: " + figures).isLessThan(0.05);
            // 400 notes at 20/s: 20 s, less the first second's burst the bucket lets through; the tail waits out a back-off
            assertThat(notesPerSecond).as("close to the limit: " + figures).isBetween(16.0, 22.0);
        }
    }
}
