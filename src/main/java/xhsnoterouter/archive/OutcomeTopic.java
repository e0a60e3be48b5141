package xhsnoterouter.archive;

import xhsnoterouter.delivery.Event;
import xhsnoterouter.ingest.NoteTask;

/**
 * Where each outcome is published before the note counts as settled (the Kafka output and failed topics): unlike
 * the delivery routes, which only queue an event, publishing here is part of making the outcome durable.
 * {@link #NONE} when Kafka is off.
 */
public interface OutcomeTopic {

    OutcomeTopic NONE = (task, event, then) -> then.run();

    /**
     * Publishes the note.fetched or note.failed event of {@code task}, waits for the broker's answer, then runs
     * {@code then} (which settles the note), exactly once, on whichever thread. When it cannot publish, the task is
     * marked {@link NoteTask#unpublished()} (its request is then not done) and the reason logged before {@code then}.
     */
    void publish(NoteTask task, Event event, Runnable then);
}
