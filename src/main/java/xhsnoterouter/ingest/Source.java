package xhsnoterouter.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an entry came from: the input file's name and the line it starts on. {@code part} tells entries apart
 * that start on the same line (a JSON array written on one line): 0 for the first, 1 for the next, and so on.
 * It keeps their failure keys apart and is not part of the JSON written. A Kafka request names its topic and
 * partition as the file and its offset as the line; {@code request} is the {@code "source"} object the requester
 * sent with it, carried unchanged into the records and events (absent for files).
 */
public record Source(String file, long line, @JsonIgnore int part,
                     @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode request) {

    public Source(String file, long line, int part) {
        this(file, line, part, null);
    }

    public Source(String file, long line) {
        this(file, line, 0, null);
    }
}
