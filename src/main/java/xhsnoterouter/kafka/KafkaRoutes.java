package xhsnoterouter.kafka;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.service.ServiceHelper;

import xhsnoterouter.config.KafkaSettings;
import xhsnoterouter.delivery.EventsComponent;

/**
 * kafka-requests: the request topic, one poll at a time, offsets committed by the app once the notes are done, paused
 * while they cannot be (service mode only). kafka-events-out / kafka-events-in: account and batch events to the
 * events topic, and the other instances' pauses from it.
 */
final class KafkaRoutes extends RouteBuilder {

    static final String REQUESTS_ROUTE = "kafka-requests";
    /** A batch waits for its slowest note (retries included): far longer than Kafka's 5-minute default. */
    static final int MAX_POLL_INTERVAL_MS = 15 * 60 * 1000;

    private final KafkaSettings settings;
    private final SharedFetched fetched;
    private final RequestIntake intake;
    private final PollControl control;
    private final PeerPauses peers;
    private final AutoCloseable publisher;

    /** {@code intake} and {@code control} null: no requests are read ({@code --once}). */
    KafkaRoutes(KafkaSettings settings, SharedFetched fetched, RequestIntake intake, PollControl control,
                PeerPauses peers, AutoCloseable publisher) {
        this.publisher = publisher;
        this.settings = settings;
        this.fetched = fetched;
        this.intake = intake;
        this.control = control;
        this.peers = peers;
    }

    @Override
    public void configure() throws Exception {
        KafkaClients.ensureTopics(settings);
        fetched.repository().setCamelContext(getContext());
        try {
            ServiceHelper.startService(fetched.repository());
        } catch (RuntimeException e) {
            throw new KafkaUnavailable("Kafka: cannot read the dedupe topic " + settings.dedupeTopic() + " from "
                    + settings.bootstrapServers() + " (" + e.getMessage() + "); check kafka.bootstrap-servers", e);
        }
        getContext().addService(fetched.repository(), true);
        // The app's own Kafka threads end with the context (many apps may start and stop in one JVM: the tests).
        getContext().addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                if (intake != null) {
                    intake.close();
                }
                publisher.close();
            }
        }, true);

        if (intake != null) {
            fromF("kafka:%s?groupId=%s&batching=true&maxPollRecords=%d&pollTimeoutMs=500&autoCommitEnable=false"
                            + "&allowManualCommit=true&autoOffsetReset=earliest&maxPollIntervalMs=%d",
                    settings.inputTopic(), settings.groupId(), settings.batchSize(), MAX_POLL_INTERVAL_MS)
                    .routeId(REQUESTS_ROUTE).startupOrder(60)
                    // Camel's hook after every poll, on the consumer's thread: commits, pauses and resumes.
                    .pausable(control, ignored -> true)
                    .process(intake::take);
        }

        from(EventsComponent.SCHEME + ":api.paused,api.resumed,batch.completed").routeId("kafka-events-out")
                .startupOrder(62)
                .setHeader(KafkaConstants.KEY, header(EventsComponent.EVENT_HEADER))
                .setHeader(PeerPauses.INSTANCE_HEADER, constant(settings.instanceId()))
                .toF("kafka:%s", settings.eventsTopic());

        // Every instance reads every event: a group of its own, from the newest.
        fromF("kafka:%s?groupId=%s.events.%s&autoOffsetReset=latest", settings.eventsTopic(), settings.groupId(),
                settings.instanceId())
                .routeId("kafka-events-in").startupOrder(63)
                .process(peers::onEvent);
    }
}
