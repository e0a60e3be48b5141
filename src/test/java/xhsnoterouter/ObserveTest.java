package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.simulator.Simulator;
import xhsnoterouter.simulator.SimulatorSettings;
import xhsnoterouter.support.AppProcess;
import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Scrape;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.Workspace;

/**
 * Health and metrics (issue 6): {@code /observe/metrics} scraped over real HTTP while a batch runs and after it,
 * the numbers checked against the files the batch wrote; {@code /observe/health} readiness following the account;
 * {@code management.port} off, busy, and bound to loopback.
 */
class ObserveTest {

    private static final String FAULTS = "301:0.08,500:0.04,201:0.05,400:0.03,http502:0.03,malformed:0.02";

    @TempDir
    Path dir;

    @Test
    void metricsDuringAndAfterABatchMatchTheFilesWritten() throws Exception {
        List<String> ids = NoteIds.ids(0x0b5e, 200);
        List<String> lines = new ArrayList<>(ids);
        lines.add(50, "not a note");
        lines.add(120, "https://example.com/nothing-here");
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 300, FAULTS, 11))) {
            int port = freePort();
            Workspace work = new Workspace(dir).set("justoneapi.token", "t")
                    .set("justoneapi.base-url", simulator.baseUrl().toString())
                    .set("justoneapi.concurrency", "8")
                    .set("retry.max-attempts", "3")
                    .set("management.port", Integer.toString(port));
            Workspace.Service service = work.startService();
            awaitHealthUp(port);
            work.drop("observed.txt", String.join("\n", lines) + "\n");

            // While the batch runs: requests in flight, and calls and outcomes growing from scrape to scrape.
            double maxInFlight = 0;
            List<Double> calls = new ArrayList<>();
            List<Double> settled = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (work.reports("observed.txt").isEmpty() && System.nanoTime() < deadline) {
                Scrape scrape = Scrape.metrics(port);
                maxInFlight = Math.max(maxInFlight, scrape.sum("xnr_api_requests_in_flight"));
                calls.add(scrape.sum("xnr_api_calls_total"));
                settled.add(scrape.sum("xnr_notes_total"));
                Thread.sleep(250);
            }
            assertThat(work.reports("observed.txt")).as("the batch finished").hasSize(1);
            assertThat(maxInFlight).as("requests in flight seen during the batch").isGreaterThan(0);
            assertThat(calls).as("API calls grow while the batch runs").isSorted();
            assertThat(calls.stream().distinct().count()).as("several different call counts were seen").isGreaterThan(3);
            assertThat(settled).isSorted();

            JsonNode report = work.report("observed.txt");
            Scrape after = Scrape.metrics(port);
            long records = work.records().size();
            assertThat(records).isEqualTo(report.get("fetched").asLong());
            assertThat(after.sum("xnr_notes_total", "outcome", "fetched")).isEqualTo(records);

            // Every failure file, by outcome and reason, is one count of xnr_notes_total.
            Map<String, Map<String, Double>> fromFiles = new HashMap<>();
            for (Path file : work.files("outbox/failed")) {
                String reason = Workspace.read(file).get("reason").asText();
                String outcome = switch (reason) {
                    case "NOT_FOUND" -> "not_found";
                    case "INVALID_INPUT" -> "invalid";
                    default -> "failed";
                };
                fromFiles.computeIfAbsent(outcome, k -> new HashMap<>()).merge(reason, 1.0, Double::sum);
            }
            assertThat(fromFiles.get("not_found")).as("the faults made some not found").isNotEmpty();
            assertThat(fromFiles.get("failed")).as("the faults made some fail").isNotEmpty();
            assertThat(fromFiles.get("invalid")).containsEntry("INVALID_INPUT", 2.0);
            for (String outcome : List.of("not_found", "invalid", "failed")) {
                Map<String, Double> scraped = new HashMap<>(after.byLabel("xnr_notes_total", "reason", "outcome", outcome));
                scraped.values().removeIf(v -> v == 0);
                assertThat(scraped).as(outcome + " by reason").isEqualTo(fromFiles.get(outcome));
            }
            assertThat(after.sum("xnr_notes_total", "outcome", "pending")).isZero();
            assertThat(after.sum("xnr_notes_total")).as("every entry that was not a duplicate has one outcome")
                    .isEqualTo(report.get("entries").asDouble() - report.get("duplicates").asDouble()
                            - report.get("alreadyFetched").asDouble());

            // API calls: the report's count, the simulator's count, the latency histogram's count.
            double apiCalls = after.sum("xnr_api_calls_total");
            assertThat(apiCalls).isEqualTo(report.get("apiCalls").asDouble()).isEqualTo((double) simulator.requestCount());
            assertThat(after.sum("xnr_api_calls_total", "code", "0", "http_status", "200")).isEqualTo(records);
            assertThat(after.sum("xnr_api_calls_total", "code", "none", "http_status", "502")).isPositive();
            assertThat(after.sum("xnr_api_request_duration_seconds_count")).isEqualTo(apiCalls);
            assertThat(after.sum("xnr_api_request_duration_seconds_bucket", "le", "+Inf")).isEqualTo(apiCalls);
            assertThat(after.sum("xnr_api_request_duration_seconds_bucket", "le", "0.1"))
                    .as("the simulator answers after 300 ms").isZero();
            assertThat(after.sum("xnr_api_request_duration_seconds_sum")).isGreaterThan(apiCalls * 0.29);
            // Each note answered by the API took one call, plus one per retry.
            double answered = report.get("fetched").asDouble() + report.get("notFound").asDouble()
                    + report.get("failed").asDouble();
            assertThat(after.sum("xnr_retries_total")).isPositive().isEqualTo(apiCalls - answered);
            assertThat(after.sum("xnr_api_requests_in_flight")).isZero();
            assertThat(after.sum("xnr_notes_pending")).isZero();
            // Camel's own meters are there too (JVM binders), next to the app's.
            assertThat(after.has("jvm_memory_used_bytes")).isTrue();

            Scrape.Answer health = Scrape.get(uri(port, "/observe/health"));
            assertThat(health.status()).isEqualTo(200);
            assertThat(Workspace.json(health.body()).get("status").asText()).isEqualTo("UP");
            assertThat(service.stop().status()).isZero();
        }
    }

    @Test
    void readinessIsDownWhileTheAccountIsStoppedAndLivenessStaysUp() throws Exception {
        MutableClock clock = new MutableClock();
        List<String> ids = NoteIds.ids(0x0b5f, 12);
        String stopper = ids.get(3);
        try (ScriptedApi api = ScriptedApi.start()) {
            api.script(stopper, ScriptedApi.code(200, 601, "insufficient balance"), ScriptedApi.success());
            int port = freePort();
            Workspace work = new Workspace(dir).api(api, "tok-observe").clock(clock)
                    .set("justoneapi.concurrency", "1")
                    .set("management.port", Integer.toString(port));
            Workspace.Service service = work.startService();
            awaitHealthUp(port);
            assertThat(Scrape.get(uri(port, "/observe/health/ready")).status()).isEqualTo(200);

            work.drop("ids.txt", String.join("\n", ids) + "\n");

            await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.get(uri(port, "/observe/health/ready")).status() == 503);
            Scrape.Answer ready = Scrape.get(uri(port, "/observe/health/ready"));
            assertThat(Workspace.json(ready.body()).get("status").asText()).isEqualTo("DOWN");
            assertThat(ready.body()).contains("account").contains("INSUFFICIENT_BALANCE");
            Scrape.Answer all = Scrape.get(uri(port, "/observe/health"));
            assertThat(all.status()).isEqualTo(503);
            assertThat(Workspace.json(all.body()).get("status").asText()).isEqualTo("DOWN");
            Scrape.Answer live = Scrape.get(uri(port, "/observe/health/live"));
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            assertThat(Workspace.json(live.body()).get("status").asText()).isEqualTo("UP");
            await().atMost(Duration.ofSeconds(10)).until(() -> work.reports("ids.txt").size() == 1);
            Scrape paused = Scrape.metrics(port);
            assertThat(paused.sum("xnr_notes_pending")).as("the notes kept pending").isEqualTo(ids.size() - 3);
            assertThat(paused.sum("xnr_notes_total", "outcome", "pending")).isEqualTo(ids.size() - 3);
            assertThat(paused.sum("xnr_api_calls_total", "code", "601", "http_status", "200")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(61)); // the hourly probe is due; it succeeds
            await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.get(uri(port, "/observe/health/ready")).status() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> work.records().size() == ids.size());
            assertThat(Scrape.get(uri(port, "/observe/health")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.metrics(port).sum("xnr_notes_pending") == 0);
            Scrape resumed = Scrape.metrics(port);
            assertThat(resumed.sum("xnr_api_calls_total")).as("the notes, the stop and the probe")
                    .isEqualTo(api.totalRequests());
            assertThat(service.stop().status()).isZero();
        }
    }

    @Test
    void theEndpointsListenOnLoopbackOnlyByDefault() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            int port = freePort();
            Workspace work = new Workspace(dir).api(api, "t").set("management.port", Integer.toString(port));
            Workspace.Service service = work.startService();
            awaitHealthUp(port);
            Optional<InetAddress> external = nonLoopbackAddress();
            try {
                Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
                assertThat(connects(external.get(), port)).as("reachable from " + external.get()).isFalse();
                assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
            } finally {
                assertThat(service.stop().status()).isZero();
            }
        }
    }

    @Test
    void aBusyPortStopsTheStartWithOneLineNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Workspace work = new Workspace(dir).set("management.port", Integer.toString(taken.getLocalPort()));
            work.drop("ids.txt", NoteIds.id(0x0b60, 1) + "\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err().strip().lines().toList()).hasSize(1);
            assertThat(run.err()).contains("management.port").contains(Integer.toString(taken.getLocalPort()))
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(work.files("outbox/notes")).as("nothing was fetched").isEmpty();
        }
    }

    @Test
    void invalidManagementSettingsAreRefusedWithTheirKey() throws Exception {
        Workspace.Run port = new Workspace(dir.resolve("a")).set("management.port", "70000").runOnce();
        assertThat(port.status()).isEqualTo(2);
        assertThat(port.err()).contains("management.port").contains("MANAGEMENT_PORT");
        Workspace.Run host = new Workspace(dir.resolve("b")).set("management.port", "9464")
                .set("management.host", "no such host.invalid").runOnce();
        assertThat(host.status()).isEqualTo(2);
        assertThat(host.err()).contains("management.host").contains("MANAGEMENT_HOST");
    }

    /** A child process, as a user runs it: with management.port=0 it listens on no port; with a port, on that one. */
    @Test
    void portZeroListensNowhereWhileAPortListensThere() throws Exception {
        try (ScriptedApi api = ScriptedApi.start()) {
            new Workspace(dir.resolve("off"));
            new Workspace(dir.resolve("on"));
            Map<String, String> env = Map.of("JUSTONEAPI_TOKEN", "t", "JUSTONEAPI_BASE_URL", api.baseUrl().toString());
            Process off = AppProcess.start(dir.resolve("off"), withPort(env, "0"));
            int port = freePort();
            Process on = AppProcess.start(dir.resolve("on"), withPort(env, Integer.toString(port)));
            try {
                awaitWatching(dir.resolve("off"));
                awaitWatching(dir.resolve("on"));
                // The management server starts once the routes run (it would hold up their start by 0.4-0.6 s).
                awaitLine(dir.resolve("on"), "Health on http://127.0.0.1:" + port + "/observe/health");
                assertThat(listeningPorts(off.pid())).as("management.port=0").isEmpty();
                assertThat(listeningPorts(on.pid())).as("management.port=" + port).containsExactly(port);
            } finally {
                off.destroy();
                on.destroy();
                off.waitFor();
                on.waitFor();
            }
        }
    }

    private static Map<String, String> withPort(Map<String, String> env, String port) {
        Map<String, String> all = new HashMap<>(env);
        all.put("MANAGEMENT_PORT", port);
        return all;
    }

    private static void awaitWatching(Path work) {
        awaitLine(work, ") started in");
    }

    private static void awaitLine(Path work, String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(work.resolve("app.log"))
                && Files.readString(work.resolve("app.log")).contains(text));
    }

    /** The TCP ports a process listens on (Linux: its socket inodes matched with /proc/net/tcp and tcp6). */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file);
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static void awaitHealthUp(int port) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> Scrape.get(uri(port, "/observe/health")).status() == 200);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
