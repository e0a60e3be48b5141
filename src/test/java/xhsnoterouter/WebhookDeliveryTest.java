package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.ScriptedApi;
import xhsnoterouter.support.WebhookReceiver;
import xhsnoterouter.support.Workspace;

/**
 * SPEC §8 webhooks, end to end: the shipped routes/webhook.yaml POSTs every event to a real receiver on
 * loopback, signed; a failing, then dead, then returning receiver gets every delivery once, without slowing
 * the notes down.
 */
class WebhookDeliveryTest {

    private static final String SECRET = "wh-s3cret&with=odd)chars";
    private static final String TOKEN = "tok-WEBHOOK-4242";

    @TempDir
    Path dir;
    private ScriptedApi api;
    private WebhookReceiver receiver;
    private Workspace work;

    @BeforeEach
    void start() throws Exception {
        api = ScriptedApi.start();
        receiver = WebhookReceiver.start();
        work = new Workspace(dir).api(api, TOKEN)
                .set("delivery.webhook.url", receiver.url().toString())
                .set("delivery.webhook.secret", SECRET)
                .set("delivery.resend-interval-seconds", "1");
    }

    @AfterEach
    void stop() {
        receiver.close();
        api.close();
    }

    @Test
    void everyEventTypeArrivesAsASignedPostWithTheFilesContent() throws Exception {
        List<String> ids = NoteIds.ids(0x3e00, 6);
        api.script(ids.get(2), ScriptedApi.code(200, 201, "no content"));
        // The account stops on the fifth note; the hourly probe (same note) then succeeds.
        api.script(ids.get(4), ScriptedApi.code(200, 601, "insufficient balance"), ScriptedApi.success());
        MutableClock clock = new MutableClock();
        work.clock(clock).set("justoneapi.concurrency", "1");
        Workspace.Service service = work.startService();
        work.drop("ids.txt", String.join("\n", ids) + "\nnot-a-note\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.delivered("api.paused").isEmpty());
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.delivered("batch.completed").size() == 2);
        Workspace.Run run = service.stop();
        assertThat(run.status()).as(run.err()).isZero();

        List<WebhookReceiver.Request> requests = receiver.requests();
        for (WebhookReceiver.Request r : requests) {
            JsonNode body = r.json();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks/xnr");
            assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(r.header("X-Xnr-Event")).isEqualTo(body.get("event").asText());
            assertThat(r.header("X-Xnr-Delivery")).isEqualTo(body.get("deliveryId").asText()).isNotBlank();
            assertThat(Long.parseLong(r.header("X-Xnr-Timestamp"))).isPositive();
            assertThat(body.get("occurredAt").asText()).isNotBlank();
            // What a receiver does: recompute the HMAC of the exact bytes with its copy of the secret.
            assertThat(r.header("X-Xnr-Signature")).isEqualTo(hmac(SECRET, r.body()))
                    .isNotEqualTo(hmac("a-wrong-secret", r.body()));
            assertThat(r.bodyText() + r.headers()).doesNotContain(TOKEN);
        }
        Map<String, List<JsonNode>> byEvent = requests.stream().map(WebhookReceiver.Request::json)
                .collect(Collectors.groupingBy(b -> b.get("event").asText()));
        assertThat(byEvent.keySet()).containsExactlyInAnyOrder("note.fetched", "note.failed", "batch.completed",
                "api.paused", "api.resumed");

        // note.fetched carries the records.jsonl object, note.failed the failed/ object, batch.completed the report.
        Map<String, JsonNode> records = work.records().stream().collect(Collectors.toMap(r -> r.get("noteId").asText(),
                Function.identity()));
        assertThat(byEvent.get("note.fetched")).hasSize(5);
        for (JsonNode event : byEvent.get("note.fetched")) {
            assertThat(event.get("record")).isEqualTo(records.get(event.get("record").get("noteId").asText()));
        }
        assertThat(byEvent.get("note.failed")).extracting(e -> e.get("failure").get("reason").asText())
                .containsExactlyInAnyOrder("NOT_FOUND", "INVALID_INPUT");
        for (JsonNode event : byEvent.get("note.failed")) {
            JsonNode failure = event.get("failure");
            String key = failure.get("noteId").isNull() ? "invalid-ids.txt-7" : failure.get("noteId").asText();
            assertThat(failure).isEqualTo(work.failure(key));
        }
        List<JsonNode> reports = work.reports("ids.txt");
        assertThat(byEvent.get("batch.completed")).extracting(e -> e.get("report"))
                .containsExactlyInAnyOrderElementsOf(reports);

        JsonNode paused = byEvent.get("api.paused").get(0);
        assertThat(byEvent.get("api.paused")).hasSize(1);
        assertThat(paused.get("reason").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(paused.get("code").asInt()).isEqualTo(601);
        assertThat(paused.get("pending").asLong()).isPositive();
        assertThat(paused.get("resumeAt").asText()).isNotBlank();
        JsonNode resumed = byEvent.get("api.resumed").get(0);
        assertThat(byEvent.get("api.resumed")).hasSize(1);
        assertThat(resumed.get("reason").asText()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(resumed.get("code").asInt()).isEqualTo(601);
        assertThat(resumed.has("pending")).isTrue();
    }

    @Test
    void aFailingThenDeadReceiverGetsEveryDeliveryOnceWhenItReturnsAndFetchingDoesNotWait() throws Exception {
        List<String> ids = NoteIds.ids(0x3f00, 200);
        receiver.answer(500);
        work.set("delivery.webhook.max-attempts", "2").set("justoneapi.concurrency", "8");
        Workspace.Service service = work.startService();
        work.drop("campaign.txt", String.join("\n", ids) + "\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 20);
        receiver.goDown();
        // The notes finish while nothing takes the deliveries.
        await().atMost(Duration.ofSeconds(20)).until(() -> !work.files("outbox/reports").isEmpty());
        JsonNode report = work.report("campaign.txt");
        assertThat(report.get("fetched").asInt()).isEqualTo(200);
        double seconds = Duration.between(java.time.Instant.parse(report.get("startedAt").asText()),
                java.time.Instant.parse(report.get("finishedAt").asText())).toMillis() / 1000.0;
        assertThat(seconds).as("fetching waited for the receiver").isLessThan(5);
        Path spool = work.outbox().resolve("undelivered/webhook");
        await().atMost(Duration.ofSeconds(20)).until(() -> !work.files("outbox/undelivered/webhook").isEmpty());
        Thread.sleep(1500); // down for a while: the periodic re-sends meet a refused connection

        receiver.answer(204).comeBack();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() >= 201
                && work.files("outbox/undelivered/webhook").isEmpty());
        Workspace.Run run = service.stop();
        assertThat(run.status()).isZero();

        Map<String, Long> deliveredPerId = receiver.delivered().stream()
                .collect(Collectors.groupingBy(r -> r.header("X-Xnr-Delivery"), Collectors.counting()));
        assertThat(deliveredPerId).hasSize(201).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        List<String> fetchedIds = new ArrayList<>();
        for (WebhookReceiver.Request r : receiver.delivered("note.fetched")) {
            fetchedIds.add(r.json().get("record").get("noteId").asText());
        }
        assertThat(fetchedIds).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.requests().stream().filter(r -> !r.delivered())).isNotEmpty();
        assertThat(Files.list(spool)).isEmpty();
    }

    @Test
    void anExtraYamlFileAddsASecondWebhookForOneEventAndAFolderExport() throws Exception {
        try (WebhookReceiver crm = WebhookReceiver.start()) {
            work.set("delivery.webhook.url", "");
            Files.writeString(work.dir().resolve("routes/crm.yaml"), """
                    - route:
                        id: crm-webhook
                        from:
                          uri: "xnr-events:note.fetched"
                          steps:
                            - to:
                                uri: "xnr-outbox:crm"
                    - route:
                        id: crm-webhook-post
                        errorHandler:
                          noErrorHandler: {}
                        from:
                          uri: "xnr-outbox:crm"
                          parameters:
                            destination: "RAW(%1$s)"
                          steps:
                            - setProperty:
                                name: XnrWebhookUrl
                                constant: "%1$s"
                            - setProperty:
                                name: XnrWebhookSecret
                                constant: "crm-secret"
                            - bean: { ref: webhookHeaders, method: sign }
                            - setHeader:
                                name: CamelHttpMethod
                                constant: POST
                            - toD:
                                uri: "%1$s"
                    - route:
                        id: fetched-export
                        from:
                          uri: "xnr-events:note.fetched"
                          steps:
                            - to:
                                uri: "file:{{outbox.dir}}/exports"
                                parameters:
                                  fileName: "${header.XnrDeliveryId}.json"
                    """.formatted(crm.url() + "?team=growth&key=a%2Bb%26c&x=1"));
            List<String> ids = NoteIds.ids(0x4000, 5);
            work.drop("ids.txt", String.join("\n", ids) + "\nnot-a-note\n");

            Workspace.Run run = work.runOnce();

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(crm.requests()).hasSize(5).allSatisfy(r -> {
                assertThat(r.header("X-Xnr-Event")).isEqualTo("note.fetched");
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).as("the receiver's query, a key in it, intact").isEqualTo("/hooks/xnr?team=growth&key=a%2Bb%26c&x=1");
                assertThat(r.header("User-Agent")).isEqualTo("xhs-note-router");
                assertThat(r.header("X-Xnr-Signature")).isEqualTo(hmac("crm-secret", r.body()));
            });
            assertThat(crm.requests()).extracting(r -> r.json().get("record").get("noteId").asText())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(receiver.requests()).as("the default webhook is off").isEmpty();
            List<Path> exported = work.files("outbox/exports");
            assertThat(exported).hasSize(5);
            for (Path file : exported) {
                JsonNode event = Workspace.read(file);
                assertThat(event.get("event").asText()).isEqualTo("note.fetched");
                assertThat(file.getFileName().toString()).isEqualTo(event.get("deliveryId").asText() + ".json");
            }
        }
    }

    @Test
    void aMistakeInADeliveryRouteStopsTheStartWithOneLineNamingIt() throws Exception {
        Files.writeString(work.dir().resolve("routes/typo.yaml"), """
                - route:
                    id: typo
                    from:
                      uri: "xnr-events:note.fetched,note.feched"
                      steps:
                        - to:
                            uri: "log:typo"
                """);
        work.drop("ids.txt", NoteIds.ids(0x4100, 1).get(0) + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("xnr-events:note.fetched,note.feched")
                .contains("unknown event 'note.feched'");
        assertThat(work.files("inbox")).as("nothing was taken").hasSize(1);
        assertThat(api.totalRequests()).isZero();
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
