package xhsnoterouter.kafka;

import java.time.Clock;
import java.util.EnumSet;
import java.util.function.Supplier;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.archive.OutcomeTopic;
import xhsnoterouter.config.KafkaSettings;
import xhsnoterouter.delivery.EventBus;
import xhsnoterouter.delivery.EventType;
import xhsnoterouter.ingest.FileIngest;

/**
 * Kafka, when {@code kafka.bootstrap-servers} is set: Camel's {@code kafka:} component with the brokers and client
 * settings, the shared dedupe repository, the request and event routes, and the publisher of outcomes. Nothing of
 * it is loaded otherwise.
 */
public final class KafkaSetup {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");

    private KafkaSetup() {
    }

    /**
     * What the rest of the app needs: where ArchiveRoutes publishes each outcome, and what to wait for before the
     * routes stop (the last commits; bounded by its argument).
     */
    public record Installed(OutcomeTopic outcomes, Settle beforeStop) {
    }

    public interface Settle {
        void within(java.time.Duration max) throws InterruptedException;
    }

    /** @param consume whether to take requests from the input topic (service mode; {@code --once} only publishes) */
    public static Installed install(Main main, KafkaSettings settings, FileIngest ingest, AccountGate gate, Clock clock,
                                       boolean refetch, String fetchQueue, int concurrency, boolean consume, EventBus bus,
                                       Supplier<ProducerTemplate> template) {
        main.bind("kafka", KafkaClients.component(settings));
        SharedFetched fetched = new SharedFetched(settings);
        Offsets offsets = new Offsets();
        RequestIntake intake = consume
                ? new RequestIntake(ingest, fetched, clock, settings.inputTopic(), refetch, fetchQueue, template, offsets)
                : null;
        PollControl control = consume ? new PollControl(offsets, gate, intake) : null;
        OutcomePublisher publisher = new OutcomePublisher(settings.outputTopic(), settings.failedTopic(), fetched,
                template, concurrency);
        main.configure().addRoutesBuilder(new KafkaRoutes(settings, fetched, intake, control, new PeerPauses(gate,
                settings.instanceId()), publisher));
        // The publisher sends these events itself, on the note's thread; subscribing makes sure they are built.
        bus.subscribe(EnumSet.of(EventType.NOTE_FETCHED, EventType.NOTE_FAILED), event -> { });
        LOG.info("Kafka on {} as instance {}: {}results to {} and {}, events on {}, dedupe topic {}",
                settings.bootstrapServers(), settings.instanceId(), consume ? "requests from " + settings.inputTopic()
                        + " (group " + settings.groupId() + "), " : "", settings.outputTopic(), settings.failedTopic(),
                settings.eventsTopic(), settings.dedupeTopic());
        return new Installed(publisher,
                intake == null ? max -> { } : intake::awaitCommitted);
    }
}
