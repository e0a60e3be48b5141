package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** SPEC §2 exit statuses of {@code --once}, from a real child process. */
class ExitStatusTest {

    @TempDir
    Path dir;

    @Test
    void firstStartOnTheSimulatorRunsTheDemoAndExitsZero() throws Exception {
        new Workspace(dir);
        Files.delete(dir.resolve("inbox"));
        Files.createDirectories(dir.resolve("samples"));
        Files.copy(Workspace.PROJECT.resolve("samples/demo-ids.txt"), dir.resolve("samples/demo-ids.txt"));

        AppProcess.Result run = AppProcess.run(dir, Map.of(), "--once");

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("SIMULATOR MODE").contains("demo-ids.txt: ");
        assertThat(dir.resolve("inbox/.done/demo-ids.txt")).exists();
        assertThat(dir.resolve("outbox/records.jsonl")).isNotEmptyFile();
        assertThat(Files.list(dir.resolve("outbox/notes")).count()).isGreaterThan(10);
    }

    @Test
    void aBadSettingExitsTwoWithOneLineNamingTheKey() throws Exception {
        new Workspace(dir);

        AppProcess.Result run = AppProcess.run(dir, Map.of("JUSTONEAPI_CONCURRENCY", "-3"), "--once");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).contains("justoneapi.concurrency").contains("-3").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void anUnparsableBaseUrlOrAnUnknownArgumentExitsTwo() throws Exception {
        new Workspace(dir);

        AppProcess.Result url = AppProcess.run(dir, Map.of("JUSTONEAPI_TOKEN", "t", "JUSTONEAPI_BASE_URL", "api justoneapi com"), "--once");
        AppProcess.Result arg = AppProcess.run(dir, Map.of(), "--onse");

        assertThat(url.status()).isEqualTo(2);
        assertThat(url.err()).contains("justoneapi.base-url");
        assertThat(arg.status()).isEqualTo(2);
        assertThat(arg.err()).contains("--onse");
    }

    @Test
    void anAccountStopExitsThreeWithTheNotesPending() throws Exception {
        Workspace work = new Workspace(dir);
        work.drop("ids.txt", String.join("\n", NoteIds.ids(0xe3, 5)) + "\n");

        AppProcess.Result run = AppProcess.run(dir, Map.of("SIMULATOR_FAULTS", "601:1"), "--once");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).contains("INSUFFICIENT_BALANCE").contains("5 notes are pending");
        assertThat(Files.list(dir.resolve("state/pending")).count()).isEqualTo(1);
    }

    @Test
    void aSimulatorPortInUseExitsTwoNamingTheKey() throws Exception {
        new Workspace(dir);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AppProcess.Result run = AppProcess.run(dir, Map.of("SIMULATOR_PORT", Integer.toString(taken.getLocalPort())), "--once");

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("simulator.port");
        }
    }
}
