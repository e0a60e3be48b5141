package xhsnoterouter.config;

import java.util.List;

/** The command-line arguments: {@code --once}, {@code --refetch}, {@code --watchlist}, {@code --help}. */
public record CommandLine(boolean once, boolean refetch, boolean watchlist, boolean help) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar target/xhs-note-router.jar [--once [--watchlist]] [--refetch]",
            "  (no option)  watch the inbox and keep running until stopped (Ctrl-C)",
            "  --once       process every file now in the inbox, print a summary and exit",
            "  --watchlist  with --once: also fetch every note of the watchlist (schedule.watchlist) again, now",
            "  --refetch    fetch notes again even when outbox/notes/ already holds them",
            "  --help       show this text",
            "settings: config/application.properties, environment variables, or -Dkey=value (see README.md)");

    public static CommandLine parse(List<String> args) throws ConfigException {
        boolean once = false;
        boolean refetch = false;
        boolean help = false;
        boolean watchlist = false;
        for (String arg : args) {
            switch (arg) {
                case "--once" -> once = true;
                case "--refetch" -> refetch = true;
                case "--watchlist" -> watchlist = true;
                case "--help", "-h" -> help = true;
                default -> throw new ConfigException("unknown argument '" + arg
                        + "': accepted are --once, --refetch, --watchlist and --help");
            }
        }
        if (watchlist && !once) {
            throw new ConfigException("--watchlist goes with --once (run the watchlist now and exit); the service runs it "
                    + "at the times of schedule.cron");
        }
        return new CommandLine(once, refetch, watchlist, help);
    }
}
