package xhsnoterouter.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.NoteTask;

/**
 * Which request offsets may be committed: per partition, up to the first request that is not done (its note kept
 * waiting by an account stop or a shutdown, or its outcome not published). That partition is then <em>held</em>:
 * nothing more is committed on it until consumption resumes from the committed offset, so a request left undone is
 * always delivered again, here or, after a crash, to another instance. Commits run on the consumer's own thread.
 */
final class Offsets {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");

    /** One request of a batch: where it was read, and its task (null when it was only counted: nothing to wait for). */
    record Item(TopicPartition partition, long offset, NoteTask task) {

        boolean done() {
            return task == null || task.isDone();
        }
    }

    private final Set<TopicPartition> held = new HashSet<>();
    /** Batches that have ended, oldest first, waiting for the consumer's thread to commit them. */
    private final java.util.Queue<List<Item>> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The offsets this instance committed: below them every request is done, whichever copy of it arrives late. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A batch ended (every request settled): its offsets are committed after the consumer's next poll. */
    void finished(List<Item> items) {
        finished.add(items);
    }

    /**
     * On the consumer's thread: commits what the ended batches allow, oldest first. @return the partitions held by
     * them (empty when all was done)
     */
    Set<TopicPartition> commitFinished(Consumer<?, ?> consumer) {
        Set<TopicPartition> newlyHeld = new HashSet<>();
        for (List<Item> items = finished.poll(); items != null; items = finished.poll()) {
            newlyHeld.addAll(afterBatch(items, consumer));
        }
        return newlyHeld;
    }

    /**
     * Commits what the settled batch allows. @return the partitions held by this batch (empty when all was done)
     */
    synchronized Set<TopicPartition> afterBatch(List<Item> items, Consumer<?, ?> consumer) {
        Map<TopicPartition, List<Item>> byPartition = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (Item item : items) {
            byPartition.computeIfAbsent(item.partition(), p -> new ArrayList<>()).add(item);
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Set<TopicPartition> newlyHeld = new HashSet<>();
        for (Map.Entry<TopicPartition, List<Item>> e : byPartition.entrySet()) {
            TopicPartition partition = e.getKey();
            if (held.contains(partition) || !consumer.assignment().contains(partition)) {
                // Held: wait for the seek back. No longer ours: its new owner starts from the last commit.
                continue;
            }
            long known = committed.getOrDefault(partition, -1L);
            long next = -1;
            boolean undone = false;
            List<Item> sorted = e.getValue().stream().sorted(Comparator.comparingLong(Item::offset)).toList();
            for (Item item : sorted) {
                if (item.offset() < known) {
                    continue;
                }
                if (!item.done()) {
                    next = item.offset();
                    undone = true;
                    break;
                }
                next = item.offset() + 1;
            }
            if (undone) {
                held.add(partition);
                newlyHeld.add(partition);
            }
            // Committing the offset of the first undone request also gives the partition a committed offset to
            // resume from when it had none yet.
            if (next >= 0 && (next > known || undone)) {
                commit.put(partition, new OffsetAndMetadata(next));
            }
        }
        if (!commit.isEmpty()) {
            try {
                consumer.commitSync(commit);
                commit.forEach((p, o) -> committed.merge(p, o.offset(), Math::max));
            } catch (KafkaException e) {
                // Typically the partitions went to another instance meanwhile: it starts from the last commit and
                // redoes these requests (fetched notes are known to it through the dedupe topic).
                LOG.warn("Kafka: could not commit the offsets {} ({}); those requests may be handled again", commit,
                        e.getMessage());
            }
        }
        return newlyHeld;
    }

    /** Ended batches whose offsets the consumer's thread has not committed yet. */
    boolean anyToCommit() {
        return !finished.isEmpty();
    }

    synchronized boolean anyHeld() {
        return !held.isEmpty();
    }

    /** Consumption resumes from the committed offsets: the held requests come again. */
    synchronized Set<TopicPartition> release() {
        Set<TopicPartition> was = new HashSet<>(held);
        held.clear();
        return was;
    }
}
