package xhsnoterouter.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the outbox and the state folder take a write again (after a full disk): write a small file, delete it. */
public final class StorageCheck {

    private static final byte[] PROBE = new byte[4096];

    private final Path outbox;
    private final Path state;

    public StorageCheck(Path outbox, Path state) {
        this.outbox = outbox;
        this.state = state;
    }

    public boolean writable() {
        return canWrite(outbox.resolve("notes")) && canWrite(state);
    }

    private static boolean canWrite(Path dir) {
        Path probe = dir.resolve(".write-check.tmp");
        try {
            Files.createDirectories(dir);
            Files.write(probe, PROBE);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // A probe file left behind is removed by the next check or crash recovery.
            }
        }
    }
}
