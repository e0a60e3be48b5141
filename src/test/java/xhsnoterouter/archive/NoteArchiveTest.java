package xhsnoterouter.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.Json;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.Source;
import xhsnoterouter.support.ScriptedApi;

/** notes/<id>.json: SPEC §7's envelope around the API body exactly as it came (the vendor's real response). */
class NoteArchiveTest {

    @TempDir
    Path outbox;

    @Test
    void archiveHoldsTheBodyByteForByteInsideTheEnvelope() throws Exception {
        byte[] body = Files.readAllBytes(ScriptedApi.REFERENCE);
        NoteId id = NoteId.of("698ab064000000001503876d").orElseThrow();
        Instant now = Instant.parse("2026-11-27T08:00:00.123Z");
        NoteTask task = NoteTask.toFetch(id, id.value(), new Source("笔记 \"ids\".txt", 7),
                new Batch("ids.txt", outbox.resolve("ids.txt"), false, false, now));
        task.fetched(body, Json.MAPPER.readTree(body));

        try (NoteArchive archive = new NoteArchive(outbox, true, Clock.fixed(now, ZoneOffset.UTC))) {
            archive.archive(task);
        }

        byte[] file = Files.readAllBytes(outbox.resolve("notes/698ab064000000001503876d.json"));
        String prefix = "{\"noteId\":\"698ab064000000001503876d\",\"fetchedAt\":\"2026-11-27T08:00:00.123Z\","
                + "\"source\":{\"file\":\"笔记 \\\"ids\\\".txt\",\"line\":7},\"response\":";
        int at = prefix.getBytes(StandardCharsets.UTF_8).length;
        assertThat(new String(file, 0, at, StandardCharsets.UTF_8)).isEqualTo(prefix);
        assertThat(Arrays.copyOfRange(file, at, at + body.length)).isEqualTo(body);
        assertThat(file.length).isEqualTo(at + body.length + 1);
        assertThat(file[file.length - 1]).isEqualTo((byte) '}');
        JsonNode parsed = Json.MAPPER.readTree(file);
        assertThat(parsed.get("response")).isEqualTo(Json.MAPPER.readTree(body));
        assertThat(parsed.at("/response/data/0/note_list/0/title").asText()).isEqualTo("国潮才是永恒审美!新年写真我太想进步了");
    }
}
