package xhsnoterouter.kafka;

import java.util.Map;
import java.util.Set;

import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;

/**
 * Runs on the Kafka consumer's own thread after every poll (Camel's consumer listener hook, set with the route's
 * {@code pausable} step), the only thread that may touch the consumer: commits the batches that have ended, pauses
 * consumption while the account gate is closed or a request is left undone, and resumes once the gate is open and
 * no batch is under way, from the committed offsets, so every request not done comes again.
 */
final class PollControl extends KafkaConsumerListener {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");

    private final Offsets offsets;
    private final AccountGate gate;
    private final RequestIntake intake;
    private boolean paused;

    PollControl(Offsets offsets, AccountGate gate, RequestIntake intake) {
        this.offsets = offsets;
        this.gate = gate;
        this.intake = intake;
    }

    /** @return whether the records of this poll are to be processed */
    @Override
    public boolean afterConsume(Object polling) {
        Consumer<?, ?> consumer = (Consumer<?, ?>) polling;
        Set<TopicPartition> held = offsets.commitFinished(consumer);
        if (!held.isEmpty()) {
            LOG.warn("Kafka: requests on {} are not done yet ({}); consumption pauses and resumes from the last "
                    + "committed offset once they can be handled", held, gate.stop().map(s -> "account stop: "
                    + s.reason()).orElse(gate.isShuttingDown() ? "stopping" : "outcome not published"));
        }
        boolean gateClosed = !gate.isOpen();
        if (!gateClosed && !paused && !offsets.anyHeld()) {
            return true;
        }
        // Pausing again each time: partitions assigned since (a rebalance) start unpaused.
        consumer.pause(consumer.assignment());
        paused = true;
        if (!gateClosed && intake.open() == 0) {
            resume(consumer);
        }
        return false;
    }

    /** Back to the committed offsets: what this instance read since then comes again. */
    private void resume(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata at = committed.get(partition);
            if (at != null) {
                consumer.seek(partition, at);
            } else {
                consumer.seekToBeginning(Set.of(partition));
            }
        }
        offsets.release();
        consumer.resume(assigned);
        paused = false;
        LOG.info("Kafka: consuming {} again from the last committed offsets", assigned);
    }
}
