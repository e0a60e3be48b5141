package xhsnoterouter.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import xhsnoterouter.Json;
import xhsnoterouter.archive.AtomicFiles;

/**
 * {@code outbox/undelivered/<sink>/<deliveryId>.json}: deliveries whose attempts ran out, kept until a re-send
 * goes through. The body is kept as text so a re-send carries the same bytes (and the same signature).
 */
public final class Spool {

    /** What one spool file holds. */
    public record Entry(String sink, String event, String deliveryId, String occurredAt, int attempts,
                        String firstAttemptAt, String lastAttemptAt, String lastError, String body) {

        Event toEvent() {
            return new Event(EventType.of(event), deliveryId, Instant.parse(occurredAt), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Path dir;

    public Spool(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String deliveryId) {
        return dir.resolve(deliveryId + ".json");
    }

    public void write(Entry entry) throws IOException {
        AtomicFiles.write(file(entry.deliveryId()), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
    }

    public Entry read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), Entry.class);
    }

    public void delete(String deliveryId) throws IOException {
        Files.deleteIfExists(file(deliveryId));
    }

    /** The spooled deliveries, oldest file first; temporary files of an unfinished write are not listed. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).sorted((a, b) -> Long.compare(modified(a), modified(b))).toList();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
