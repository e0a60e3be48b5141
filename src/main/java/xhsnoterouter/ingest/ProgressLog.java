package xhsnoterouter.ingest;

import java.util.OptionalDouble;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The progress line of each input file in progress, called every few seconds by a timer route. */
public final class ProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.progress");

    private final BatchRegistry registry;
    private final Supplier<OptionalDouble> limitedPace;

    /** @param limitedPace the requests/s the API's own limit holds the calls to, when it is under the user's cap */
    public ProgressLog(BatchRegistry registry, Supplier<OptionalDouble> limitedPace) {
        this.registry = registry;
        this.limitedPace = limitedPace;
    }

    public void log() {
        OptionalDouble pace = limitedPace.get();
        for (Batch batch : registry.active()) {
            LOG.info(line(batch.name(), batch.counts(), pace));
        }
    }

    static String line(String name, Batch.Counts c, OptionalDouble limitedPace) {
        String total = c.sealed() ? Long.toString(c.entries()) : c.entries() + "+ (still reading)";
        String left = "";
        if (c.sealed() && c.notesPerSecond() > 0 && c.open() > 0) {
            left = String.format(" · ~%.0f s left", c.open() / c.notesPerSecond());
        }
        String pace = limitedPace.isPresent()
                ? String.format(" · paced at %.1f requests/s (the API's rate limit)", limitedPace.getAsDouble()) : "";
        return String.format("%s: %d/%s done · %d fetched · %d not found · %d failed · %d invalid · %d retrying · "
                        + "%d pending · %.1f notes/s%s%s",
                name, c.done(), total, c.fetched(), c.notFound(), c.failed(), c.invalid(), c.retrying(), c.pending(),
                c.notesPerSecond(), pace, left);
    }
}
