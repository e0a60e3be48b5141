package xhsnoterouter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.BatchRegistry;

/**
 * Files that sit in an inbox but that no file route takes: Camel's file component cannot read some names (one
 * holding a backslash, for instance). Left alone they would wait forever without a word; instead they are moved
 * to {@code .error/} with one line saying to rename them. The service checks every few seconds once nothing has
 * been under way for a while; {@code --once} does the same when its wait goes quiet.
 */
final class UntakenFiles {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.ingest");
    /** Nothing under way for this long, and a file this old still there: no route is going to take it. */
    static final Duration QUIET = Duration.ofSeconds(5);
    static final Duration AGE = Duration.ofSeconds(10);
    /** {@code --once} knows its files from the start, so it only needs the quiet time (a little longer). */
    static final Duration ONCE_QUIET = Duration.ofSeconds(10);

    private final Supplier<List<Path>> watchedFolders;
    private final BatchRegistry registry;
    private final Path pendingDir;
    private long quietSince = System.nanoTime();

    UntakenFiles(Supplier<List<Path>> watchedFolders, BatchRegistry registry, Path pendingDir) {
        this.watchedFolders = watchedFolders;
        this.registry = registry;
        this.pendingDir = pendingDir;
    }

    /** Called by a timer in service mode. */
    void check() throws IOException {
        if (!registry.active().isEmpty()) {
            quietSince = System.nanoTime();
            return;
        }
        if (System.nanoTime() - quietSince < QUIET.toNanos()) {
            return;
        }
        long oldest = System.currentTimeMillis() - AGE.toMillis();
        List<Path> untaken = OnceRun.snapshot(watchedFolders.get(), pendingDir).stream()
                .filter(f -> !f.startsWith(pendingDir.toAbsolutePath().normalize()))
                .filter(f -> modifiedMillis(f) < oldest)
                .toList();
        setAside(untaken, pendingDir, LOG::warn);
    }

    private static long modifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Inbox files no route took go to {@code .error/} with one line each; pending files just stay pending. */
    static void setAside(List<Path> untaken, Path pendingDir, Consumer<String> say) {
        for (Path file : untaken) {
            if (file.startsWith(pendingDir.toAbsolutePath().normalize())) {
                continue;
            }
            String name = file.getFileName().toString();
            try {
                Path errorDir = Files.createDirectories(file.getParent().resolve(".error"));
                Files.move(file, errorDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                say.accept(name + ": not processed: the inbox did not take it (a name with '\\' or another character "
                        + "the file routes cannot read?); moved to .error/ - rename it and drop it again");
            } catch (IOException e) {
                say.accept(name + ": not processed: the inbox did not take it, and it could not be moved to .error/ ("
                        + e.getMessage() + ")");
            }
        }
    }
}
