package xhsnoterouter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.Reason;
import xhsnoterouter.archive.BatchReport;
import xhsnoterouter.ingest.BatchRegistry;
import xhsnoterouter.ingest.PendingNotes;

/**
 * {@code --once}: the files in the inbox (and pending notes of earlier runs) at start are the job; wait until
 * each has been processed, print one summary line per file, and say how the run ended.
 */
final class OnceRun {

    static final int FINISHED = 0;
    static final int ACCOUNT_STOPPED = 3;
    /** The outbox could not be written mid-run: like a bad outbox.dir, status 2. */
    static final int OUTBOX_UNWRITABLE = 2;

    private OnceRun() {
    }

    /**
     * The files the file routes will take: in each watched folder, regular files not hidden, not .tmp/.part, not Camel's lock files;
     * in the pending folder, pending files. Taken after the routes start: a file finished before is simply done.
     */
    static List<Path> snapshot(List<Path> watchedFolders, Path pendingDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : watchedFolders) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            boolean pending = dir.equals(pendingDir.toAbsolutePath().normalize());
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(Files::isRegularFile)
                        .filter(p -> pending ? p.toString().endsWith(PendingNotes.SUFFIX) : isInboxFile(p))
                        .forEach(files::add);
            }
        }
        return files;
    }

    static boolean isInboxFile(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith(".tmp") && !name.endsWith(".part")
                && !name.endsWith(".camelLock");
    }

    /**
     * Waits until every file of the job has been processed. A file that no route takes (Camel's file component
     * cannot read some names, such as one with a backslash) would make that wait endless: once nothing has been
     * under way for {@link UntakenFiles#ONCE_QUIET}, the files still waiting are returned instead.
     */
    static List<Path> awaitAll(List<Path> files, BatchRegistry registry) throws InterruptedException {
        long idleSince = System.nanoTime();
        int finishedBefore = registry.finished().size();
        while (true) {
            List<Path> waiting = files.stream().filter(f -> !registry.hasFinished(f) && Files.exists(f)).toList();
            boolean busy = !registry.active().isEmpty();
            if (waiting.isEmpty() && !busy) {
                return List.of();
            }
            int finished = registry.finished().size();
            if (busy || finished != finishedBefore) {
                idleSince = System.nanoTime();
                finishedBefore = finished;
            } else if (System.nanoTime() - idleSince > UntakenFiles.ONCE_QUIET.toNanos()) {
                return waiting;
            }
            Thread.sleep(100);
        }
    }

    static int report(BatchRegistry registry, AccountGate gate, Path workDir, Path pendingDir, PrintStream out) {
        long pending = 0;
        for (BatchRegistry.Finished f : registry.finished()) {
            if (f.batch() == null) {
                out.println(f.input().getFileName() + ": not processed: " + f.problem());
                continue;
            }
            BatchReport report = BatchReport.of(f.batch(), null);
            pending += report.pending();
            out.println(report.summaryLine() + (f.report() == null ? "  (" + f.problem() + ")"
                    : "  → " + workDir.relativize(f.report())));
        }
        if (registry.finished().isEmpty()) {
            out.println("Nothing to do: the inbox holds no input files (.txt, .csv, .json).");
        }
        AccountGate.Stop stop = gate.stop().orElse(null);
        Path shownPending = pendingDir.startsWith(workDir) ? workDir.relativize(pendingDir) : pendingDir;
        if (stop != null && stop.reason() == Reason.OUTBOX_UNWRITABLE) {
            out.println("STOPPED: " + stop.message() + ". " + pending + " notes are pending in " + shownPending
                    + "/ (a file whose notes could be kept nowhere stays in the inbox); free space or fix the folder's "
                    + "permissions and run again.");
            return OUTBOX_UNWRITABLE;
        }
        if (stop != null) {
            out.println("STOPPED: the API account is unusable: " + stop.reason() + " (code " + stop.code() + ": "
                    + stop.message() + "). " + pending + " notes are pending in " + shownPending + "/; fix the account and run again: they are fetched without dropping the files again.");
            return ACCOUNT_STOPPED;
        }
        return FINISHED;
    }
}
