package xhsnoterouter.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import xhsnoterouter.Json;
import xhsnoterouter.archive.FailureRecord;

/**
 * Reads {@code failed/}: counts every {@code <key>.json} but opens only the {@code limit} newest by modification
 * time, so a job with a million failures costs a directory listing, not a million parses.
 */
final class FailedFiles {

    /**
     * @param total    every failure file, read or not
     * @param byReason counts by reason of the files read
     * @param newest   the files read, the newest attempt first
     */
    record Failures(int total, Map<String, Integer> byReason, List<FailureRecord> newest) {

        boolean allRead() {
            return newest.size() == total;
        }

        int count(String reason) {
            return byReason.getOrDefault(reason, 0);
        }
    }

    private record Listed(Path file, Instant modified) {
    }

    /** @param at the last attempt, or the file's time when the record has none (an invalid line is never tried) */
    private record Read(FailureRecord record, Instant at) {
    }

    private FailedFiles() {
    }

    static Failures read(Path dir, int limit) throws IOException {
        PriorityQueue<Listed> newest = new PriorityQueue<>(Comparator.comparing(Listed::modified));
        int total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FailedFiles::isFailureFile)) {
            for (Path file : files) {
                Instant modified;
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (!attributes.isRegularFile()) {
                        continue;
                    }
                    modified = attributes.lastModifiedTime().toInstant();
                } catch (NoSuchFileException e) {
                    continue; // fetched after all: the archive removed its failure file meanwhile
                }
                total++;
                newest.add(new Listed(file, modified));
                if (newest.size() > limit) {
                    newest.poll();
                }
            }
        } catch (NoSuchFileException e) {
            return new Failures(0, Map.of(), List.of());
        }
        List<Read> read = new ArrayList<>();
        for (Listed listed : newest) {
            FailureRecord record = parse(listed.file());
            if (record != null) {
                Instant last = JsonFields.instant(record.lastAttemptAt());
                read.add(new Read(record, last != null ? last : listed.modified()));
            } else {
                total--;
            }
        }
        read.sort(Comparator.comparing(Read::at).reversed());
        Map<String, Integer> byReason = new TreeMap<>();
        read.forEach(r -> byReason.merge(r.record().reason() == null ? "UNKNOWN" : r.record().reason(), 1, Integer::sum));
        return new Failures(total, byReason, read.stream().map(Read::record).toList());
    }

    private static boolean isFailureFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".");
    }

    /** @return null for a file removed meanwhile or one that is not a failure record */
    private static FailureRecord parse(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), FailureRecord.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
