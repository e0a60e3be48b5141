package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/** justoneapi.concurrency and justoneapi.max-requests-per-second, seen from the server's side. */
class ThrottlingTest {

    @TempDir
    Path dir;

    @Test
    void neverMoreRequestsInFlightThanTheConcurrencySetting() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 100, "", 1))) {
            Workspace work = new Workspace(dir).set("justoneapi.token", "t")
                    .set("justoneapi.base-url", simulator.baseUrl().toString())
                    .set("justoneapi.concurrency", "3");
            work.drop("forty.txt", String.join("\n", NoteIds.ids(0xc0c, 40)) + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isEqualTo(0);
            assertThat(work.report("forty.txt").get("fetched").asInt()).isEqualTo(40);
            assertThat(simulator.maxInFlight()).as("the cap is used and never passed").isEqualTo(3);
        }
    }

    @Test
    void requestsPerSecondStayUnderTheCap() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            Workspace work = new Workspace(dir).api(api, "t")
                    .set("justoneapi.concurrency", "8")
                    .set("justoneapi.max-requests-per-second", "10");
            work.drop("burst.txt", String.join("\n", NoteIds.ids(0x7a7e, 25)) + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isEqualTo(0);
            List<Long> arrivals = api.arrivals();
            assertThat(arrivals).hasSize(25);
            for (int i = 0; i + 11 < arrivals.size(); i++) {
                long window = arrivals.get(i + 11) - arrivals.get(i);
                assertThat(window).as("12 requests never fit in one second at 10/s").isGreaterThanOrEqualTo(1_000_000_000L);
            }
        }
    }
}
