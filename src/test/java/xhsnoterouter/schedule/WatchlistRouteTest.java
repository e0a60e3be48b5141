package xhsnoterouter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.ingest.FileIngest;
import xhsnoterouter.support.LogCapture;
import xhsnoterouter.support.MutableClock;

/**
 * routes/watchlist.yaml on its own, with Camel's test kit: Quartz's consumer and the start-up timer are replaced by
 * direct: endpoints (fired by the test, not waited for) and direct:ingest by a mock, so each branch of the route
 * (a run, an overlapping run skipped, a missing list, the start-up catch-up) runs in well under a second.
 */
class WatchlistRouteTest extends CamelTestSupport {

    private static final String CRON = "0 0 */6 * * ?";

    @TempDir
    static Path work;

    private final MutableClock clock = new MutableClock();
    private Path watchlist;

    @Override
    public void configureTest(TestExecutionConfiguration config) {
        super.configureTest(config);
        config.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration config) {
        super.configureContext(config);
        Properties settings = new Properties();
        settings.setProperty("schedule.watchlist", "config/watchlist.txt");
        settings.setProperty("schedule.cron", CRON);
        settings.setProperty("schedule.time-zone", "UTC");
        settings.setProperty("xnr.watchlist-scheduled", "true");
        config.withUseOverridePropertiesWithPropertiesComponent(settings);
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Path dir = Files.createTempDirectory(work, "run");
        watchlist = Files.createDirectories(dir.resolve("config")).resolve("watchlist.txt");
        registry.bind("watchlists", new Watchlists(dir, dir.resolve("state"), clock));
    }

    @Test
    void aFiredRunSendsACopyOfTheListToIngestAndRemembersItWhenDone() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a1\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();
        ingest.expectedMessageCount(1);
        ingest.expectedHeaderReceived(FileIngest.WATCHLIST, "watchlist.txt");
        ingest.whenAnyExchangeReceived(e -> {
            assertThat(copy(e)).isNotEqualTo(watchlist).hasContent("5c00000000000000000000a1");
            ingestDone(e);
        });

        template.sendBodyAndHeader("direct:quartz", null, "scheduledFireTime", new java.util.Date());

        ingest.assertIsSatisfied();
        assertThat(ingest.getExchanges().get(0).getMessage().getHeader("scheduledFireTime")).as("Quartz's headers").isNull();
        assertThat(Instant.parse(Files.readString(lastRun()).trim())).isBetween(clock.instant().minusSeconds(5), clock.instant());
    }

    @Test
    void aRunDueWhileThePreviousIsStillGoingIsSkippedWithALogLine() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a2\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();
        CountDownLatch inIngest = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ingest.whenAnyExchangeReceived(e -> {
            inIngest.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        try (LogCapture log = LogCapture.capture()) {
            Future<Exchange> first = template.asyncSend("direct:quartz", e -> { });
            assertThat(inIngest.await(5, TimeUnit.SECONDS)).isTrue();

            Exchange second = template.send("direct:quartz", e -> { });

            assertThat(log.containing("is skipped: the run started at")).hasSize(1);
            assertThat(second.getException()).isNull();
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).getException()).isNull();
        }
        assertThat(ingest.getReceivedCounter()).isEqualTo(1);
        // Once it is done, the next time runs again.
        template.send("direct:quartz", e -> { });
        assertThat(ingest.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void aMissingListIsSaidAndNothingIsFetched() throws Exception {
        MockEndpoint ingest = start();
        try (LogCapture log = LogCapture.capture()) {
            template.send("direct:quartz", e -> { });
            assertThat(log.containing("config/watchlist.txt does not exist")).hasSize(1);
        }
        assertThat(ingest.getReceivedCounter()).isZero();
        assertThat(lastRun()).doesNotExist();
    }

    @Test
    void aFailedRunIsNotRememberedAsARun() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a3\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();
        ingest.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("the disk is full");
        });

        Exchange run = template.send("direct:quartz", e -> { });

        assertThat(run.getException()).hasMessage("the disk is full");
        assertThat(lastRun()).doesNotExist();
    }

    @Test
    void atStartUpAListThatNeverRanRunsAtOnce() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a4\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();

        template.send("direct:start-up", e -> { });

        assertThat(ingest.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void atStartUpNoRunWhenNoTimeWasMissedAndOneCatchUpRunWhenSomeWere() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a5\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();
        // The last run finished just now: the next 6-hour mark is still to come.
        Files.createDirectories(lastRun().getParent());
        Files.writeString(lastRun(), clock.instant() + "\n", StandardCharsets.UTF_8);

        template.send("direct:start-up", e -> { });
        assertThat(ingest.getReceivedCounter()).isZero();

        // Started again a day later: four marks were missed while stopped; one run catches up with all of them.
        clock.advance(Duration.ofDays(1));
        template.send("direct:start-up", e -> { });
        assertThat(ingest.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void atStartUpARunCutOffIsRedoneAndItsCopyRemoved() throws Exception {
        Files.writeString(watchlist, "5c00000000000000000000a6\n", StandardCharsets.UTF_8);
        MockEndpoint ingest = start();
        template.send("direct:quartz", e -> { });
        Path runDir = lastRun().getParent().resolveSibling("watchlist").resolve("watchlist");
        Path leftOver = Files.createDirectories(runDir).resolve("20260101T000000-watchlist.txt");
        Files.writeString(leftOver, "5c00000000000000000000a6\n", StandardCharsets.UTF_8);

        template.send("direct:start-up", e -> { });

        assertThat(ingest.getReceivedCounter()).isEqualTo(2);
        assertThat(leftOver).doesNotExist();
    }

    /** Loads routes/watchlist.yaml, fired by the test instead of Quartz and the timer; returns the ingest mock. */
    private MockEndpoint start() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:routes/watchlist.yaml"));
        AdviceWith.adviceWith(context, "watchlist", route -> route.replaceFromWith("direct:quartz"));
        AdviceWith.adviceWith(context, "watchlist-catch-up", route -> route.replaceFromWith("direct:start-up"));
        AdviceWith.adviceWith(context, "watchlist-run",
                route -> route.weaveByToUri("direct:ingest").replace().to("mock:ingest"));
        context.start();
        MockEndpoint ingest = getMockEndpoint("mock:ingest");
        ingest.whenAnyExchangeReceived(WatchlistRouteTest::ingestDone);
        return ingest;
    }

    /** What direct:ingest does with the copy once its notes have an outcome. */
    private static void ingestDone(Exchange exchange) throws Exception {
        Files.delete(copy(exchange));
    }

    private static Path copy(Exchange exchange) {
        return Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
    }

    private Path lastRun() {
        return watchlist.getParent().resolveSibling("state").resolve("schedule").resolve("watchlist.last");
    }
}
