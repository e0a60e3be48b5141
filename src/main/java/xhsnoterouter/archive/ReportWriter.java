package xhsnoterouter.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import xhsnoterouter.Json;

/** Writes {@code reports/<inputFile>-<yyyyMMdd'T'HHmmss>.json}, the time being the batch's start in UTC. */
public final class ReportWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path reportsDir;

    public ReportWriter(Path outboxDir) {
        this.reportsDir = outboxDir.resolve("reports");
    }

    public synchronized Path write(BatchReport report) throws IOException {
        String base = FailureArchive.safeName(report.file()) + "-" + STAMP.format(java.time.Instant.parse(report.startedAt()));
        Path file = reportsDir.resolve(base + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = reportsDir.resolve(base + "-" + n + ".json");
        }
        AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        return file;
    }
}
