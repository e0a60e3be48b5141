package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §6 account stops in service mode (issue 4, point 4): a 303 waits for 00:00 Asia/Shanghai and resumes by
 * itself without a call; the other stops probe once an hour and resume when a probe succeeds. Each pause and
 * each resume raises exactly one event. The test moves the clock the app reads instead of waiting.
 */
class AccountStopServiceTest {

    @TempDir
    Path dir;
    private ScriptedApi api;
    private WebhookReceiver receiver;
    private Workspace work;
    private final MutableClock clock = new MutableClock();
    private final List<String> ids = NoteIds.ids(0x8a00, 20);

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        receiver = WebhookReceiver.start();
        work = new Workspace(dir).api(api, "tok-service").clock(clock)
                .set("justoneapi.concurrency", "1")
                .set("delivery.webhook.url", receiver.url().toString())
                .set("delivery.webhook.events", "api.paused,api.resumed");
    }

    @AfterEach
    void stop() {
        receiver.close();
        api.close();
    }

    @Test
    void aDailyQuotaStopWaitsForMidnightInShanghaiThenResumesByItself() throws Exception {
        api.script(ids.get(5), ScriptedApi.code(200, 303, "daily quota exceeded"), ScriptedApi.success());
        Workspace.Service service = work.startService();
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.delivered("api.paused").size() == 1);
        JsonNode paused = receiver.delivered("api.paused").get(0).json();
        Instant resumeAt = Instant.parse(paused.get("resumeAt").asText());
        assertThat(paused.get("reason").asText()).isEqualTo("DAILY_QUOTA_EXCEEDED");
        assertThat(resumeAt).isEqualTo(AccountGate.nextQuotaReset(Instant.parse(paused.get("occurredAt").asText())));
        assertThat(resumeAt.atZone(AccountGate.QUOTA_ZONE).toLocalTime().toSecondOfDay()).isZero();
        int callsWhilePaused = api.totalRequests();
        Thread.sleep(2500); // the probe timer ticks every second: a 303 needs no probe call
        assertThat(api.totalRequests()).isEqualTo(callsWhilePaused);
        assertThat(receiver.delivered("api.resumed")).isEmpty();

        clock.advance(Duration.between(clock.instant(), resumeAt).plusSeconds(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> work.records().size() == ids.size());
        Workspace.Run run = service.stop();
        assertThat(run.status()).isZero();
        assertThat(receiver.delivered("api.paused")).hasSize(1);
        assertThat(receiver.delivered("api.resumed")).hasSize(1);
        assertThat(work.files("state/pending")).isEmpty();
        assertThat(work.files("outbox/failed")).isEmpty();
    }

    @Test
    void otherStopsProbeHourlyAndResumeOnceAProbeSucceeds() throws Exception {
        String stopper = ids.get(3);
        api.script(stopper, ScriptedApi.code(200, 601, "insufficient balance"),
                ScriptedApi.code(200, 601, "insufficient balance"), ScriptedApi.success());
        Workspace.Service service = work.startService();
        work.drop("ids.txt", String.join("\n", ids) + "\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.delivered("api.paused").size() == 1);
        assertThat(api.requestsFor(stopper)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(30));
        Thread.sleep(2000);
        assertThat(api.requestsFor(stopper)).as("no probe before the hour").isEqualTo(1);

        clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.requestsFor(stopper) == 2);
        Thread.sleep(1500);
        assertThat(receiver.delivered("api.resumed")).as("the probe failed: still paused").isEmpty();
        assertThat(receiver.delivered("api.paused")).as("one event per pause, not per probe").hasSize(1);
        assertThat(work.records()).hasSize(3);

        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(20)).until(() -> work.records().size() == ids.size());
        Workspace.Run run = service.stop();
        assertThat(run.status()).isZero();
        assertThat(receiver.delivered("api.paused")).hasSize(1);
        assertThat(receiver.delivered("api.resumed")).hasSize(1);
        JsonNode resumed = receiver.delivered("api.resumed").get(0).json();
        assertThat(resumed.get("reason").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(work.files("state/pending")).isEmpty();
    }
}
