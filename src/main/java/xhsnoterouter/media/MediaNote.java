package xhsnoterouter.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.archive.NoteRecord;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;

/**
 * One note's media while its items download: its manifest, rewritten as each item settles, and the batch whose
 * report waits for them (none for items a restart picked up from a manifest).
 */
final class MediaNote {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.media");

    private final Path dir;
    private final Batch batch;
    private final Source source;
    private Manifest manifest;

    /** @param batch null for files a restart picked up: no report waits for them */
    MediaNote(Path dir, Manifest manifest, Batch batch, Source source) {
        this.dir = dir;
        this.manifest = manifest;
        this.batch = batch;
        this.source = source;
    }

    /**
     * An API call for this note (its video's V6 call, or V1 again for fresh URLs) as the API routes see a note (the account gate, the batch's apiCalls); a
     * restart's has a batch of its own that no report reads.
     */
    NoteTask apiTask() {
        NoteId id = NoteId.of(noteId()).orElseThrow(() -> new IllegalStateException("not a note ID: " + noteId()));
        Batch counted = batch != null ? batch
                : new Batch("media of " + noteId(), dir, false, false, java.time.Instant.now());
        return NoteTask.toFetch(id, noteId(), source != null ? source : new Source(Manifest.FILE, 0, 0), counted);
    }

    /**
     * The note fetched again for fresh URLs (an expired signature), once per note: the first item to need it gets
     * {@code true} in {@code first} and makes the call; the others wait on the same answer.
     */
    synchronized CompletableFuture<NoteRecord> refresh(boolean[] first) {
        first[0] = refresh == null;
        if (refresh == null) {
            refresh = new CompletableFuture<>();
        }
        return refresh;
    }

    private CompletableFuture<NoteRecord> refresh;

    Path dir() {
        return dir;
    }

    String noteId() {
        return manifest.noteId();
    }

    Batch batch() {
        return batch;
    }

    synchronized Manifest.Entry entry(String name) {
        return manifest.items().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in the manifest of " + noteId()));
    }

    /** The item's new state into manifest.json; a manifest that cannot be written is logged (the file is what counts). */
    synchronized void record(Manifest.Entry entry) {
        manifest = manifest.with(entry);
        try {
            manifest.write(dir);
        } catch (IOException e) {
            LOG.error("{}: cannot write {} ({}); the next start reads the older one", noteId(),
                    dir.resolve(Manifest.FILE), e.getMessage());
        }
    }
}
