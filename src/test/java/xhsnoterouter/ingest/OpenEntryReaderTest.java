package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xhsnoterouter.ingest.Entries.concat;
import static xhsnoterouter.ingest.Entries.ok;
import static xhsnoterouter.ingest.Entries.readAll;
import static xhsnoterouter.ingest.Entries.utf8;
import static xhsnoterouter.ingest.Entries.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenEntryReaderTest {

    @TempDir
    Path dir;

    @Test
    void extensionPicksTheReaderWhateverItsCase() throws Exception {
        assertThat(readAll(dir, "a.TXT", "url\nx\n")).containsExactly(ok(1, "url"), ok(2, "x"));
        assertThat(readAll(dir, "b.Csv", "url\nx\n")).containsExactly(ok(2, "x"));
        assertThat(readAll(dir, "c.JSON", "[\"x\"]")).containsExactly(ok(1, "x"));
    }

    @Test
    void unsupportedExtensionIsRefusedBeforeOpening() {
        assertThatThrownBy(() -> EntryReaders.open(dir.resolve("notes.xlsx")))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("unsupported file type '.xlsx': accepted are .txt, .csv and .json");
        assertThatThrownBy(() -> EntryReaders.open(dir.resolve("README")))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("unsupported file type (no extension): accepted are .txt, .csv and .json");
    }

    @Test
    void binaryFileIsUnreadable() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        Path file = write(dir, "image.txt", png);
        assertThatThrownBy(() -> EntryReaders.open(file))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("looks like a binary file, not text");
        Path utf16 = write(dir, "list.json", "[\"a\"]".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> EntryReaders.open(utf16)).isInstanceOf(UnreadableInputException.class);
    }

    @Test
    void nulAfterTheFirst8KiBIsNotSniffed() throws Exception {
        byte[] padding = new byte[8192];
        Arrays.fill(padding, (byte) '#');
        byte[] content = concat(padding, utf8("\nid\n"));
        assertThat(readAll(write(dir, "a.txt", content))).containsExactly(ok(2, "id"));
    }

    @Test
    void fileDeletedBeforeOpenIsUnreadable() throws Exception {
        Path file = write(dir, "gone.txt", "x\n");
        Files.delete(file);
        assertThatThrownBy(() -> EntryReaders.open(file))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("cannot read file: no such file");
    }

    @Test
    void folderIsUnreadable() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertThatThrownBy(() -> EntryReaders.open(folder))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("cannot read file: it is a folder");
    }

    @Test
    void fileWithoutReadPermissionIsUnreadable() throws Exception {
        Path file = write(dir, "secret.csv", "url\nx\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as a user who can read anything (root)");
        assertThatThrownBy(() -> EntryReaders.open(file))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("cannot read file: permission denied");
    }

    @Test
    void emptyFilesOfEveryFormatGiveNoEntries() throws Exception {
        for (String name : new String[] {"e.txt", "e.csv", "e.json"}) {
            assertThat(readAll(dir, name, "")).as(name).isEmpty();
        }
    }

    @Test
    void readerCanBeClosedEarlyAndThenHasNoMore() throws Exception {
        Path file = write(dir, "a.txt", "a\nb\n");
        EntryReader reader = EntryReaders.open(file);
        assertThat(reader.next()).isEqualTo(ok(1, "a"));
        reader.close();
        assertThat(reader.hasNext()).isFalse();
    }
}
