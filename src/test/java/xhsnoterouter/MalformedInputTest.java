package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** Bad input files neither stop the app nor vanish: each ends somewhere the user can see, with a reason. */
class MalformedInputTest {

    @TempDir
    Path dir;

    @Test
    void emptyBinaryNonUtf8HugeLineAndUnknownFilesEachGetAClearOutcome() throws Exception {
        Workspace work = new Workspace(dir);
        String good1 = NoteIds.id(0xbad, 1);
        String good2 = NoteIds.id(0xbad, 2);
        work.drop("empty.txt", new byte[0]);
        work.drop("binary.txt", new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x00, 0x08, 0x00, (byte) 0xff, 0x00});
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.write((good1 + "\n").getBytes(StandardCharsets.US_ASCII));
        latin1.write("caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        work.drop("latin1.txt", latin1.toByteArray());
        work.drop("long.txt", ("x".repeat(5 * 1024 * 1024) + "\n" + good2 + "\n").getBytes(StandardCharsets.US_ASCII));
        work.drop("notes.xlsx", new byte[] {1, 2, 3});
        work.drop("upload.txt.part", good1 + "\n");
        work.drop(".hidden.txt", good1 + "\n");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        JsonNode empty = work.report("empty.txt");
        assertThat(empty.get("entries").asInt()).isZero();

        assertThat(Files.exists(work.inbox().resolve(".error/binary.txt"))).isTrue();
        assertThat(run.out()).contains("binary.txt: not processed").contains("binary");
        assertThat(Files.exists(work.inbox().resolve(".error/notes.xlsx"))).isTrue();
        assertThat(run.out()).contains("notes.xlsx: not processed").contains("unsupported file type");

        JsonNode latin = work.report("latin1.txt");
        assertThat(latin.get("fetched").asInt()).isEqualTo(1);
        assertThat(latin.get("invalid").asInt()).isEqualTo(1);
        assertThat(work.failure("invalid-latin1.txt-2").get("message").asText()).contains("UTF-8");

        JsonNode huge = work.report("long.txt");
        assertThat(huge.get("invalid").asInt()).isEqualTo(1);
        assertThat(huge.get("fetched").asInt()).isEqualTo(1);
        JsonNode hugeFailure = work.failure("invalid-long.txt-1");
        assertThat(hugeFailure.get("input").asText().length()).isLessThan(2000);
        assertThat(hugeFailure.get("message").asText()).contains("limit");
        assertThat(work.isArchived(good2)).isTrue();

        assertThat(work.files("inbox/.done")).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("empty.txt", "latin1.txt", "long.txt");
        assertThat(work.files("inbox")).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("upload.txt.part", ".hidden.txt");
    }
}
