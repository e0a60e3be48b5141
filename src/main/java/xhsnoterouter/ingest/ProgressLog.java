package xhsnoterouter.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The progress line of each input file in progress, called every few seconds by a timer route. */
public final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.progress");

    private final BatchRegistry registry;

    public ProgressLog(BatchRegistry registry) {
        this.registry = registry;
    }

    public void log() {
        for (Batch batch : registry.active()) {
            LOG.info(line(batch.name(), batch.counts()));
        }
    }

    static String line(String name, Batch.Counts c) {
        String total = c.sealed() ? Long.toString(c.entries()) : c.entries() + "+ (still reading)";
        String left = "";
        if (c.sealed() && c.notesPerSecond() > 0 && c.open() > 0) {
            left = String.format(" · ~%.0f s left", c.open() / c.notesPerSecond());
        }
        return String.format("%s: %d/%s done · %d fetched · %d not found · %d failed · %d invalid · %d retrying · "
                        + "%d pending · %.1f notes/s%s",
                name, c.done(), total, c.fetched(), c.notFound(), c.failed(), c.invalid(), c.retrying(), c.pending(),
                c.notesPerSecond(), left);
    }
}
