package xhsnoterouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static xhsnoterouter.ingest.Entries.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Commons CSV holds whole records: what the guard lets through to it is what a hostile file costs in memory. */
class CsvCellGuardTest {

    private static final int MAX = 1000;

    @Test
    void beforeTheColumnIsChosenARecordIsKeptWithinTheLimit() throws IOException {
        CsvCellGuard guard = guard("a,".repeat(1_000_000) + "\n\"" + "q".repeat(1_000_000) + "\"\n");
        String[] records = drain(guard).split("\n");
        assertThat(records[0].length()).isLessThanOrEqualTo(MAX + 1);
        assertThat(records[1]).isEqualTo("\"" + "q".repeat(MAX) + "\"");
        assertThat(guard.cutLength(records[0].length() + 1, 0)).isEqualTo(1_000_000);
    }

    @Test
    void onceTheColumnIsChosenOnlyItIsKeptWhole() throws IOException {
        CsvCellGuard guard = guard("title,url\n"
                + "\"" + "t".repeat(1_000_000) + "\",u1," + ",".repeat(1_000_000) + "\n"
                + "t," + "u".repeat(1_000_000) + "\n");
        guard.keepOnly(1);
        assertThat(drain(guard)).isEqualTo("title,url\n\"t\",u1\nt," + "u".repeat(MAX) + "\n");
        assertThat(guard.cutLength(17, 1)).isEqualTo(1_000_000);
    }

    private static CsvCellGuard guard(String content) {
        return new CsvCellGuard(new ByteSource(new ByteArrayInputStream(utf8(content))), MAX);
    }

    private static String drain(CsvCellGuard guard) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        guard.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
