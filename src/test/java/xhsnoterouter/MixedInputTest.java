package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** One input file mixing every entry form of SPEC §5, run on the built-in simulator (no token). */
class MixedInputTest {

    @TempDir
    Path dir;

    private final List<String> ids = NoteIds.ids(0x5eed, 8);

    private String mixedFile() {
        return String.join("\r\n",
                "# campaign A, exported from the spreadsheet",          // 1
                ids.get(0),                                                // 2
                ids.get(1).toUpperCase(),                                  // 3
                "https://www.xiaohongshu.com/explore/" + ids.get(2) + "?xsec_token=ABCD&xsec_source=pc_feed", // 4
                "http://xiaohongshu.com/discovery/item/" + ids.get(3),     // 5
                "https://www.xiaohongshu.com/user/profile/5cc823550000000010034c96/" + ids.get(4), // 6
                "https://www.rednote.com/explore/" + ids.get(5),           // 7
                "rednote.com/discovery/item/" + ids.get(6) + "#comments",  // 8
                "https://www.rednote.com/user/profile/abc123/" + ids.get(7) + "/", // 9
                "",                                                        // 10
                "   " + ids.get(0) + "   ",                                // 11 duplicate
                ids.get(1),                                                // 12 duplicate of the upper-case one
                "https://www.xiaohongshu.com/explore/" + ids.get(2),       // 13 duplicate through a link
                "not-a-note",                                              // 14 invalid
                "https://www.xiaohongshu.com/user/profile/5cc823550000000010034c96", // 15 invalid: a profile, not a note
                ids.get(3).substring(1),                                   // 16 invalid: 23 characters
                "# the end") + "\r\n";                                    // 17
    }

    @Test
    void mixedFileIsCountedExactlyAndNoEntryIsLost() {
        Workspace work = new Workspace(dir);
        work.drop("mixed.txt", "\uFEFF" + mixedFile());

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        JsonNode report = work.report("mixed.txt");
        assertThat(report.get("file").asText()).isEqualTo("mixed.txt");
        assertThat(report.get("entries").asInt()).isEqualTo(14);
        assertThat(report.get("fetched").asInt()).isEqualTo(8);
        assertThat(report.get("duplicates").asInt()).isEqualTo(3);
        assertThat(report.get("invalid").asInt()).isEqualTo(3);
        assertThat(report.get("alreadyFetched").asInt()).isZero();
        assertThat(report.get("notFound").asInt() + report.get("failed").asInt() + report.get("pending").asInt()).isZero();
        assertThat(report.get("byReason").get("INVALID_INPUT").asInt()).isEqualTo(3);
        assertThat(report.get("apiCalls").asInt()).isEqualTo(8);

        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode upper = work.records().stream().filter(r -> r.get("noteId").asText().equals(ids.get(1))).findFirst().orElseThrow();
        assertThat(upper.get("source").get("line").asInt()).isEqualTo(3);
        assertThat(upper.get("source").get("file").asText()).isEqualTo("mixed.txt");
        for (String id : ids) {
            assertThat(work.note(id).get("response").get("code").asInt()).isZero();
        }
        assertThat(work.failure("invalid-mixed.txt-14").get("input").asText()).isEqualTo("not-a-note");
        assertThat(work.failure("invalid-mixed.txt-15").get("reason").asText()).isEqualTo("INVALID_INPUT");
        assertThat(work.failure("invalid-mixed.txt-16").get("source").get("line").asInt()).isEqualTo(16);
        assertThat(work.files("outbox/failed")).hasSize(3);
        assertThat(run.out()).contains("mixed.txt: 14 entries · 8 fetched");
        assertThat(work.files("inbox")).isEmpty();
        assertThat(work.files("inbox/.done")).hasSize(1);
    }

    @Test
    void archivedNotesAreNotFetchedAgainUnlessRefetchIsAsked() {
        Workspace work = new Workspace(dir);
        work.drop("first.txt", mixedFile());
        assertThat(work.runOnce().status()).isEqualTo(0);

        work.drop("again.txt", mixedFile());
        assertThat(work.runOnce().status()).isEqualTo(0);
        JsonNode again = work.report("again.txt");
        assertThat(again.get("alreadyFetched").asInt()).isEqualTo(8);
        assertThat(again.get("fetched").asInt()).isZero();
        assertThat(again.get("apiCalls").asInt()).isZero();
        assertThat(work.records()).hasSize(8);

        work.drop("refetch.txt", mixedFile());
        assertThat(work.runOnce("--refetch").status()).isEqualTo(0);
        JsonNode refetch = work.report("refetch.txt");
        assertThat(refetch.get("fetched").asInt()).isEqualTo(8);
        assertThat(refetch.get("alreadyFetched").asInt()).isZero();
        assertThat(work.records()).hasSize(16);
    }

    @Test
    void csvAndJsonFilesGiveTheSameNotes() {
        Workspace work = new Workspace(dir);
        work.drop("sheet.csv", "title,url,likes\r\n"
                + "\"Spring, new look\",https://www.xiaohongshu.com/explore/" + ids.get(0) + ",10\r\n"
                + "\"two\nlines\"," + ids.get(1) + ",3\r\n"
                + "no link here,,1\r\n");
        work.drop("list.json", "[\"" + ids.get(2) + "\", {\"url\": \"https://www.rednote.com/explore/" + ids.get(3)
                + "\"}, {\"noteId\": \"" + ids.get(4).toUpperCase() + "\", \"note\": \"extra fields are ignored\"}, 42]");

        Workspace.Run run = work.runOnce();

        assertThat(run.status()).isEqualTo(0);
        JsonNode csv = work.report("sheet.csv");
        assertThat(csv.get("fetched").asInt()).isEqualTo(2);
        JsonNode json = work.report("list.json");
        assertThat(json.get("entries").asInt()).isEqualTo(4);
        assertThat(json.get("fetched").asInt()).isEqualTo(3);
        assertThat(json.get("invalid").asInt()).isEqualTo(1);
        assertThat(work.records()).extracting(r -> r.get("noteId").asText())
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4));
    }

    @Test
    void invalidEntriesOnOneLineOfJsonEachKeepTheirFailureRecord() throws Exception {
        List<String> oneLine = NoteIds.ids(0x9d00, 2);
        Workspace work = new Workspace(dir);
        work.drop("one-line.json", "[\"not a note\", \"" + oneLine.get(0) + "\", {\"url\": \"nope\"}, \"" + oneLine.get(1)
                + "\", 42]");

        assertThat(work.runOnce().status()).isZero();

        assertThat(work.failure("invalid-one-line.json-1").get("input").asText()).isEqualTo("not a note");
        assertThat(work.failure("invalid-one-line.json-1-3").get("input").asText()).isEqualTo("nope");
        assertThat(work.failure("invalid-one-line.json-1-5").get("input").asText()).isEqualTo("42");
        assertThat(work.failure("invalid-one-line.json-1").get("source").toString()).isEqualTo("{\"file\":\"one-line.json\",\"line\":1}");
        assertThat(work.report("one-line.json").get("invalid").asInt()).isEqualTo(3);
        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(oneLine);
    }
}
