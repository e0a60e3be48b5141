package xhsnoterouter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.support.NoteIds;
import xhsnoterouter.support.Workspace;

/** The inbox is YAML wiring: a second inbox is one more YAML file in routes/, no Java, no recompiling. */
class InboxWiringTest {

    @TempDir
    Path dir;

    @Test
    void aSecondInboxAddedAsYamlFeedsTheSamePipeline() throws Exception {
        Workspace work = new Workspace(dir);
        String yaml = Files.readString(Workspace.PROJECT.resolve("routes/inbox.yaml"))
                .replace("id: inbox", "id: agency-inbox")
                .replace("file:{{inbox.dir}}", "file:{{agency.inbox}}");
        Files.writeString(work.dir().resolve("routes/agency-inbox.yaml"), yaml);
        Path agency = Files.createDirectories(work.dir().resolve("agency-drop"));
        Files.writeString(work.dir().resolve("config/application.properties"),
                "\n# the agency's drop folder\nagency.inbox=" + agency + "\n", java.nio.file.StandardOpenOption.APPEND);
        String fromAgency = NoteIds.id(0xa9e, 1);
        String fromInbox = NoteIds.id(0xa9e, 2);
        Files.writeString(agency.resolve("agency.txt"), fromAgency + "\n");
        work.drop("ours.txt", fromInbox + "\n");

        Workspace.Run run = work.run(java.util.List.of("--once"));

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        assertThat(work.isArchived(fromInbox)).isTrue();
        assertThat(work.isArchived(fromAgency)).as("the agency file went through the pipeline").isTrue();
        assertThat(agency.resolve(".done/agency.txt")).exists();
        assertThat(work.report("agency.txt").get("fetched").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("agency.txt: 1 entries · 1 fetched").contains("ours.txt: 1 entries · 1 fetched");
    }
}
