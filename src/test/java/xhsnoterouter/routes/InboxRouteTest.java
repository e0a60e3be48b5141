package xhsnoterouter.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import xhsnoterouter.support.NoteIds;

/**
 * routes/inbox.yaml: which files the inbox route takes and hands to direct:ingest, and what becomes of them. Waits
 * with a {@link org.apache.camel.builder.NotifyBuilder} ({@link #dropAndAwait}); the API calls answered by the
 * vendor's sample success through a {@code mock:} endpoint.
 */
class InboxRouteTest extends RouteTestSupport {

    private final StandInApi api = new StandInApi();
    private final List<String> ids = NoteIds.ids(0x1b0c, 3);

    @Test
    void aDroppedFileIsTakenOnceItsNotesArchivedAndItMovesToDone() throws Exception {
        answerApiCallsWith(api);
        mock("ingest").expectedMessageCount(1);
        mock("ingest").expectedHeaderReceived(Exchange.FILE_NAME, "ids.txt");
        mock("archive-note").expectedMessageCount(ids.size());
        startApp();

        dropAndAwait("ids.txt", String.join("\n", ids) + "\n");

        assertMocksSatisfied();
        assertThat(work.records()).extracting(r -> r.get("noteId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(work.inbox().resolve(".done/ids.txt")).exists();
        assertThat(work.inbox().resolve("ids.txt")).doesNotExist();
        assertThat(work.report("ids.txt").get("fetched").asInt()).isEqualTo(ids.size());
    }

    @Test
    void filesUnderATemporaryOrHiddenNameAreLeftAlone() throws Exception {
        answerApiCallsWith(api);
        mock("ingest").expectedMessageCount(1);
        mock("ingest").expectedHeaderReceived(Exchange.FILE_NAME, "ids.txt");
        startApp();
        List<String> untaken = List.of("copying.txt.tmp", "download.csv.part", ".hidden.txt");
        untaken.forEach(name -> work.drop(name, ids.get(0) + "\n"));

        dropAndAwait("ids.txt", ids.get(1) + "\n");

        assertMocksSatisfied();
        for (String name : untaken) {
            assertThat(work.inbox().resolve(name)).as(name).exists();
        }
        assertThat(work.isArchived(ids.get(0))).isFalse();
        assertThat(work.isArchived(ids.get(1))).isTrue();
    }

    @Test
    void aFileStillBeingWrittenIsTakenOnlyWhenComplete() throws Exception {
        answerApiCallsWith(api);
        mock("ingest").expectedMessageCount(1);
        startApp();
        Path growing = Files.createDirectories(work.inbox()).resolve("growing.txt");
        List<String> many = NoteIds.ids(0x6b0, 8);

        // one line every 150 ms: the size changes within each 500 ms read-lock check until the last line
        awaitInbox(() -> many.forEach(id -> append(growing, id)));

        assertMocksSatisfied();

        assertThat(work.report("growing.txt").get("entries").asInt()).isEqualTo(many.size());
        assertThat(work.records()).hasSize(many.size());
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(150);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
