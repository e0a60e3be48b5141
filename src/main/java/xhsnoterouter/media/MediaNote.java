package xhsnoterouter.media;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.Batch;

/**
 * One note's media while its items download: its manifest, rewritten as each item settles, and the batch whose
 * report waits for them (none for items a restart picked up from a manifest).
 */
final class MediaNote {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.media");

    private final Path dir;
    private final Batch batch;
    private Manifest manifest;

    MediaNote(Path dir, Manifest manifest, Batch batch) {
        this.dir = dir;
        this.manifest = manifest;
        this.batch = batch;
    }

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
