package xhsnoterouter.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * Turns a format's "read the next entry, may throw IOException" into an Iterator that does not throw: callers loop
 * over entries and must not lose the ones already read because the file went away half-way.
 */
abstract class AbstractEntryReader implements EntryReader {

    private final Closeable source;
    private RawEntry pending;
    private boolean finished;

    AbstractEntryReader(Closeable source) {
        this.source = source;
    }

    /** The next entry, or null when there are no more. */
    protected abstract RawEntry readNext() throws IOException;

    /** The line being read, for the entry that reports a failed read. */
    protected abstract long currentLine();

    @Override
    public final boolean hasNext() {
        if (pending == null && !finished) {
            try {
                pending = readNext();
                finished = pending == null;
            } catch (IOException e) {
                stop(e);
            } catch (UncheckedIOException e) {
                stop(e.getCause());
            }
        }
        return pending != null;
    }

    private void stop(IOException e) {
        finished = true;
        pending = RawEntry.bad(Math.max(1, currentLine()), "", "reading stopped: " + EntryReaders.describe(e));
    }

    @Override
    public final RawEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawEntry entry = pending;
        pending = null;
        return entry;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        pending = null;
        source.close();
    }
}
