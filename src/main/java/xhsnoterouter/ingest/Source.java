package xhsnoterouter.ingest;

/** Where an entry came from: the input file's name and the line it starts on. */
public record Source(String file, long line) {
}
