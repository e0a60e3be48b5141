package xhsnoterouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.Backoff;
import xhsnoterouter.api.Reason;

/**
 * The shipped routes/webhook.yaml and routes/mail.yaml, each route on its own with Camel's test kit: the sending step
 * ({@code toD} to the webhook, {@code smtp:}) replaced by a {@code mock:} through {@link AdviceWith}, which answers or
 * fails as a receiver would. The end-to-end runs against a real receiver and GreenMail are WebhookDeliveryTest and
 * MailDeliveryTest.
 */
class DeliveryRoutesTest extends CamelTestSupport {

    private static final String URL = "http://127.0.0.1:9/hooks/xnr?team=growth&key=a%2Bb%26c";

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final Events events = new Events(Clock.systemUTC(), bus);
    private Deliveries deliveries;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        Properties settings = ShippedDeliveryRoutes.settings(URL, "team@example.com");
        settings.put("delivery.webhook.secret", "s3cret");
        settings.put("delivery.webhook.events", "api.paused,api.resumed");
        settings.put("delivery.mail.events", "api.paused");
        settings.put("delivery.webhook.timeout-seconds", "1");
        deliveries = new Deliveries(dir.resolve("outbox"), dir.resolve("state"), new Backoff(10, 50),
                Duration.ofSeconds(60), Clock.systemUTC());
        ShippedDeliveryRoutes.load(camel, settings, bus, deliveries);
        return camel;
    }

    @AfterEach
    void closeDeliveries() {
        deliveries.close();
    }

    @Test
    void webhookPostSignsTheExactBodyAndPassesTheQueryAsWritten() throws Exception {
        assertThat(context.getRouteDefinition("webhook-post").getOutputs())
                .filteredOn(ToDynamicDefinition.class::isInstance).singleElement()
                .extracting(o -> ((ToDynamicDefinition) o).getUri()).isEqualTo("{{delivery.webhook.url}}");
        MockEndpoint receiver = adviseWebhookPost();
        receiver.expectedMessageCount(1);
        receiver.expectedHeaderReceived("X-Xnr-Event", "api.paused");
        receiver.expectedHeaderReceived(Exchange.HTTP_METHOD, "POST");
        receiver.expectedHeaderReceived(Exchange.HTTP_RAW_QUERY, "team=growth&key=a%2Bb%26c");
        receiver.expectedHeaderReceived(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        startRoutes();

        Event paused = pause();

        receiver.assertIsSatisfied(5000);
        Exchange posted = receiver.getExchanges().get(0);
        byte[] body = posted.getMessage().getBody(byte[].class);
        assertThat(body).isEqualTo(paused.body());
        assertThat(posted.getMessage().getHeader("X-Xnr-Delivery")).isEqualTo(paused.deliveryId());
        assertThat(posted.getMessage().getHeader("X-Xnr-Signature")).isEqualTo(Signature.of("s3cret", body));
        assertThat(posted.getMessage().getHeader("X-Xnr-Timestamp", String.class)).matches("\\d{10}");
        assertThat(posted.getProperty(WebhookHeaders.SECRET_PROPERTY)).as("the secret does not travel on").isNull();
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameDeliveryIdAndNothingIsSpooled() throws Exception {
        MockEndpoint receiver = adviseWebhookPost();
        receiver.whenExchangeReceived(1, e -> {
            throw new IOException("Connection refused");
        });
        receiver.whenExchangeReceived(2, e -> {
            throw new IOException("Connection refused");
        });
        receiver.expectedMessageCount(3);
        startRoutes();
        NotifyBuilder third = new NotifyBuilder(context).fromRoute("webhook-post").whenDone(3).create();

        Event paused = pause();

        assertThat(third.matches(5, TimeUnit.SECONDS)).isTrue();
        receiver.assertIsSatisfied(1000);
        assertThat(receiver.getExchanges()).extracting(e -> e.getMessage().getHeader("X-Xnr-Delivery"))
                .containsOnly(paused.deliveryId());
        assertThat(spooled("webhook")).isEmpty();
    }

    @Test
    void aReceiverThatDoesNotAnswerNeverHoldsTheThreadThatRaisedTheEvent() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        MockEndpoint receiver = adviseWebhookPost();
        receiver.whenAnyExchangeReceived(e -> answer.await(30, TimeUnit.SECONDS));
        receiver.expectedMinimumMessageCount(1);
        startRoutes();
        NotifyBuilder delivered = new NotifyBuilder(context).fromRoute("webhook-post").whenCompleted(1).create();

        try {
            // the note's thread: it must be back at once, while the receiver still holds the POST
            Event paused = assertTimeoutPreemptively(Duration.ofSeconds(10), this::pause);

            receiver.assertIsSatisfied(5000);
            assertThat(delivered.matches()).as("still waiting for the receiver").isFalse();
            assertThat(receiver.getExchanges().get(0).getMessage().getHeader("X-Xnr-Delivery")).isEqualTo(paused.deliveryId());
        } finally {
            answer.countDown();
        }
        assertThat(delivered.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAttemptNotAnsweredWithinTimeoutSecondsFailsAndIsRetriedThenSpooledWithThatReason() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        MockEndpoint receiver = adviseWebhookPost();
        receiver.whenAnyExchangeReceived(e -> never.await(30, TimeUnit.SECONDS));
        startRoutes();

        try {
            Event paused = pause();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(spooled("webhook")).singleElement()
                    .satisfies(f -> assertThat(Files.readString(f)).contains(paused.deliveryId())
                            .contains("no answer within 1 s")));
            // (the mock takes one exchange at a time, so attempts 2 and 3 wait at its door: they time out all the same)
            assertThat(receiver.getReceivedCounter()).isPositive();
        } finally {
            never.countDown();
        }
    }

    @Test
    void attemptsSpentKeepTheEventInTheSinksSpoolFolder() throws Exception {
        MockEndpoint receiver = adviseWebhookPost();
        receiver.whenAnyExchangeReceived(e -> {
            throw new IOException("Connection refused");
        });
        receiver.expectedMessageCount(3);
        startRoutes();
        NotifyBuilder spent = new NotifyBuilder(context).fromRoute("webhook-post").whenFailed(3).create();

        Event paused = pause();

        assertThat(spent.matches(5, TimeUnit.SECONDS)).isTrue();
        receiver.assertIsSatisfied(1000);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(spooled("webhook"))
                .singleElement().satisfies(f -> {
                    assertThat(f.getFileName().toString()).contains(paused.deliveryId());
                    assertThat(Files.readString(f)).contains(paused.deliveryId());
                }));
    }

    @Test
    void mailSendComposesSubjectHtmlAndTextAndGoesToTheSmtpEndpointOfTheSettings() throws Exception {
        assertThat(context.getRouteDefinition("mail-send").getOutputs())
                .filteredOn(ToDefinition.class::isInstance).singleElement()
                .extracting(o -> ((ToDefinition) o).getUri(), InstanceOfAssertFactories.STRING)
                .startsWith("smtp://{{mail.smtp.host}}:{{mail.smtp.port}}?")
                .contains("to=RAW({{delivery.mail.to}})", "from=RAW({{delivery.mail.from}})",
                        "authenticator=#smtpLogin", "additionalJavaMailProperties=#smtpSecurity");
        AdviceWith.adviceWith(context, "mail-send", a -> a.weaveByToUri("smtp:*").replace().to("mock:smtp"));
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        smtp.expectedMessageCount(1);
        startRoutes();

        pause();

        smtp.assertIsSatisfied(5000);
        Exchange mail = smtp.getExchanges().get(0);
        assertThat(mail.getMessage().getHeader("Subject", String.class)).contains("paused");
        assertThat(mail.getMessage().getBody(String.class)).contains("<html").contains("INSUFFICIENT_BALANCE");
        assertThat(mail.getMessage().getHeader(MailMessages.ALTERNATIVE_BODY, String.class))
                .contains("INSUFFICIENT_BALANCE").doesNotContain("<html");
    }

    private MockEndpoint adviseWebhookPost() throws Exception {
        AdviceWith.adviceWith(context, "webhook-post",
                a -> a.weaveByType(ToDynamicDefinition.class).replace().to("mock:receiver"));
        return getMockEndpoint("mock:receiver");
    }

    private void startRoutes() {
        context.start();
        bus.open();
    }

    private Event pause() {
        Instant now = Instant.now();
        return events.apiPaused(new AccountGate.Stop(Reason.INSUFFICIENT_BALANCE, 601, "insufficient balance", now,
                now.plusSeconds(3600), "note"), 12);
    }

    private List<Path> spooled(String sink) throws IOException {
        Path folder = dir.resolve("outbox/undelivered/" + sink);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }
}
