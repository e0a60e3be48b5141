package xhsnoterouter.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import xhsnoterouter.Json;

/**
 * Reads {@code snapshots/<noteId>.jsonl} (oldest first, one line per fetch). A note fetched every hour for a year
 * has thousands of lines; the chart keeps at most {@code maxPoints} of them, spread evenly over the whole time
 * (every other point is dropped each time the limit is reached), and always the newest.
 */
final class SnapshotFile {

    /**
     * @param points   the points to draw, oldest first
     * @param previous the fetch before the newest one (null with fewer than two)
     * @param fetches  how many readable lines the file had
     */
    record History(List<Fetch> points, Fetch previous, Fetch last, long fetches) {

        static final History NONE = new History(List.of(), null, null, 0);
    }

    private final int maxPoints;
    private List<Fetch> kept = new ArrayList<>();
    private long stride = 1;
    private long fetches;
    private Fetch previous;
    private Fetch last;

    private SnapshotFile(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    static History read(Path file, int maxPoints) throws IOException {
        SnapshotFile snapshots = new SnapshotFile(maxPoints);
        try (InputStream in = Files.newInputStream(file)) {
            JsonLines.read(in, 4096, snapshots::accept);
        } catch (NoSuchFileException e) {
            return History.NONE;
        }
        return snapshots.history();
    }

    private void accept(byte[] buffer, int offset, int length) {
        Fetch fetch = parse(buffer, offset, length);
        if (fetch == null) {
            return;
        }
        if (fetches % stride == 0) {
            kept.add(fetch);
        }
        fetches++;
        previous = last;
        last = fetch;
        if (kept.size() >= maxPoints) {
            List<Fetch> half = new ArrayList<>(maxPoints / 2 + 1);
            for (int i = 0; i < kept.size(); i += 2) {
                half.add(kept.get(i));
            }
            kept = half;
            stride *= 2;
        }
    }

    private History history() {
        if (last != null && (kept.isEmpty() || kept.get(kept.size() - 1) != last)) {
            kept.add(last);
        }
        kept.sort(Comparator.comparing(Fetch::at));
        return new History(List.copyOf(kept), previous, last, fetches);
    }

    static Fetch parse(byte[] buffer, int offset, int length) {
        String fetchedAt = null;
        Counts.Reader counts = new Counts.Reader();
        try (JsonParser json = Json.MAPPER.getFactory().createParser(buffer, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("fetchedAt")) {
                    fetchedAt = JsonFields.text(json);
                } else if (!counts.take(field, json)) {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Instant at = JsonFields.instant(fetchedAt);
        return at == null ? null : new Fetch(at, counts.counts());
    }
}
