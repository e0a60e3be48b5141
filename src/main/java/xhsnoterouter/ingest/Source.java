package xhsnoterouter.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where an entry came from: the input file's name and the line it starts on. {@code part} tells entries apart
 * that start on the same line (a JSON array written on one line): 0 for the first, 1 for the next, and so on.
 * It keeps their failure keys apart and is not part of the JSON written.
 */
public record Source(String file, long line, @JsonIgnore int part) {

    public Source(String file, long line) {
        this(file, line, 0);
    }
}
