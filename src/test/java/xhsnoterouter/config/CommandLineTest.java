package xhsnoterouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentsMeansWatchTheInbox() throws Exception {
        assertThat(CommandLine.parse(List.of())).isEqualTo(new CommandLine(false, false, false, false));
    }

    @Test
    void onceIsRecognised() throws Exception {
        assertThat(CommandLine.parse(List.of("--once"))).isEqualTo(new CommandLine(true, false, false, false));
    }

    @Test
    void refetchIsRecognised() throws Exception {
        assertThat(CommandLine.parse(List.of("--refetch"))).isEqualTo(new CommandLine(false, true, false, false));
    }

    @Test
    void helpIsRecognisedInLongAndShortForm() throws Exception {
        assertThat(CommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("-h")).help()).isTrue();
    }

    @Test
    void optionsCombineInAnyOrder() throws Exception {
        assertThat(CommandLine.parse(List.of("--refetch", "--once"))).isEqualTo(new CommandLine(true, true, false, false));
    }

    @Test
    void watchlistGoesWithOnce() throws Exception {
        assertThat(CommandLine.parse(List.of("--watchlist", "--once")).watchlist()).isTrue();
        assertThatThrownBy(() -> CommandLine.parse(List.of("--watchlist")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--watchlist goes with --once");
    }

    @Test
    void unknownArgumentIsRefusedNamingIt() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("--once", "--fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--fast");
    }

    @Test
    void bareWordIsRefusedNamingIt() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("inbox/ids.txt")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("inbox/ids.txt");
    }

    @Test
    void usageNamesEveryOption() {
        assertThat(CommandLine.USAGE).contains("--once", "--refetch", "--help");
    }
}
