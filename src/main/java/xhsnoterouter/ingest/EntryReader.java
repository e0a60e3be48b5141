package xhsnoterouter.ingest;

import java.io.Closeable;
import java.util.Iterator;

/**
 * An open reader over one file's entries. {@link #hasNext()} and {@link #next()} never throw for bad input or a
 * read failure: those come out as entries with a problem, a read failure as the last one.
 */
public interface EntryReader extends Iterator<RawEntry>, Closeable {
}
