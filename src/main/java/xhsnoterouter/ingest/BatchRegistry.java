package xhsnoterouter.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The batches of this run: those in progress (for progress lines), those finished (for the {@code --once}
 * summary), and which note IDs are in flight anywhere, so two files naming one note fetch it once.
 */
public final class BatchRegistry {

    /** A finished input file: its report path, or why it could not be processed. */
    public record Finished(Path input, Batch batch, Path report, String problem) {
    }

    /** A long-running service forgets the oldest finished files; --once needs only the files of its run. */
    private static final int FINISHED_KEPT = 10_000;

    private final List<Batch> active = new CopyOnWriteArrayList<>();
    private final List<Finished> finished = new CopyOnWriteArrayList<>();
    private final Set<Path> finishedInputs = ConcurrentHashMap.newKeySet();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public void started(Batch batch) {
        active.add(batch);
    }

    public void finished(Path input, Batch batch, Path report, String problem) {
        if (batch != null) {
            active.remove(batch);
        }
        finished.add(new Finished(input, batch, report, problem));
        finishedInputs.add(input.toAbsolutePath().normalize());
        if (finished.size() > FINISHED_KEPT) {
            Finished oldest = finished.remove(0);
            finishedInputs.remove(oldest.input().toAbsolutePath().normalize());
        }
    }

    public List<Batch> active() {
        return new ArrayList<>(active);
    }

    public List<Finished> finished() {
        return new ArrayList<>(finished);
    }

    public boolean hasFinished(Path input) {
        return finishedInputs.contains(input.toAbsolutePath().normalize());
    }

    /** @return false when another batch already has this note in flight */
    public boolean claim(NoteId id) {
        return inFlight.add(id.value());
    }

    public void release(NoteId id) {
        if (id != null) {
            inFlight.remove(id.value());
        }
    }
}
