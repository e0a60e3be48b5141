package xhsnoterouter.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.Json;
import xhsnoterouter.archive.NoteRecord;
import xhsnoterouter.config.MediaSettings;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.support.ScriptedApi;

/** What a start picks up from an earlier run that was killed (MediaKillTest runs the whole story). */
class MediaJobsTest {

    @TempDir
    Path outbox;

    private MediaJobs jobs() {
        return new MediaJobs(outbox, new MediaSettings(Set.of(MediaKind.IMAGES, MediaKind.AUDIO),
                MediaHosts.parse(MediaHosts.DEFAULT), 2, 10, 1 << 20));
    }

    @Test
    void aNoteArchivedJustBeforeAKillWithNoManifestYetHasItsMediaPlannedAtTheNextStart() throws Exception {
        NoteRecord record = NoteRecord.from(Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE)),
                NoteId.of("698ab064000000001503876d").orElseThrow(), Instant.parse("2026-12-05T00:00:00Z"),
                new Source("ids.txt", 1));
        MediaJobs jobs = jobs();

        jobs.recover(List.of(record));

        Path manifest = outbox.resolve("media/698ab064000000001503876d/manifest.json");
        JsonNode items = Json.MAPPER.readTree(manifest.toFile()).get("items");
        int expected = record.images().size() + (record.audioUrl() == null ? 0 : 1);
        assertThat(items).hasSize(expected);
        assertThat(items).allSatisfy(i -> assertThat(i.get("status").asText()).isEqualTo("pending"));
        assertThat(jobs.recovered()).hasSize(expected);
        assertThat(jobs.recovered()).as("handed out once").isEmpty();
    }

    @Test
    void aNoteWithAManifestIsLeftAsItsManifestSaysAndPartFilesGo() throws Exception {
        Path dir = Files.createDirectories(outbox.resolve("media/698ab064000000001503876d"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"noteId":"698ab064000000001503876d","items":[
                 {"kind":"image","name":"image-1","url":"https://a.xhscdn.com/1","status":"failed","reason":"NOT_MEDIA: x"},
                 {"kind":"image","name":"image-2","url":"https://a.xhscdn.com/2","status":"pending"}]}
                """);
        Files.write(dir.resolve("image-2.part"), new byte[] {1});
        NoteRecord record = NoteRecord.from(Json.MAPPER.readTree(Files.readAllBytes(ScriptedApi.REFERENCE)),
                NoteId.of("698ab064000000001503876d").orElseThrow(), Instant.parse("2026-12-05T00:00:00Z"),
                new Source("ids.txt", 1));
        MediaJobs jobs = jobs();

        jobs.recover(List.of(record));

        assertThat(jobs.recovered()).extracting(d -> d.item().name()).containsExactly("image-2");
        assertThat(dir.resolve("image-2.part")).doesNotExist();
        assertThat(Json.MAPPER.readTree(dir.resolve("manifest.json").toFile()).get("items")).hasSize(2);
    }
}
