package xhsnoterouter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import xhsnoterouter.config.CommandLine;
import xhsnoterouter.config.ConfigException;
import xhsnoterouter.config.Settings;
import xhsnoterouter.kafka.KafkaUnavailable;
import xhsnoterouter.observe.LogMask;
import xhsnoterouter.observe.Management;
import xhsnoterouter.simulator.Simulator;

/**
 * The command: {@code java -jar xhs-note-router.jar [--once] [--refetch]}. Exit status 0 finished,
 * 2 bad configuration or arguments, 3 stopped because the API account is unusable (SPEC §2).
 */
public final class App {

    public static final int BAD_CONFIGURATION = 2;
    private static final String LOGBACK_FILE = "logback.configurationFile";

    static {
        // Before the first logger is made: Logback reads config/logback.xml of the working folder, so a user edits
        // levels there. A -Dlogback.configurationFile wins; with no such file, the jar's copy of it applies.
        if (System.getProperty(LOGBACK_FILE) == null && Files.isRegularFile(Path.of("config", "logback.xml"))) {
            System.setProperty(LOGBACK_FILE, Path.of("config", "logback.xml").toString());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter");
    private static final String SIMULATOR_TOKEN = "simulator";

    private final Path workDir;
    private final Map<String, String> env;
    private final Properties system;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private volatile NoteRouter service;

    public App(Path workDir, Map<String, String> env, Properties system, PrintStream out, PrintStream err) {
        this(workDir, env, system, out, err, Clock.systemUTC());
    }

    /** With another clock: tests move it to make an hour pass (account probes, quota resets) without waiting. */
    public App(Path workDir, Map<String, String> env, Properties system, PrintStream out, PrintStream err, Clock clock) {
        this.workDir = workDir;
        this.env = env;
        this.system = system;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Ends a service-mode run as SIGTERM would. */
    public void stop() {
        NoteRouter router = service;
        if (router != null) {
            router.requestStop();
        }
    }

    public static void main(String[] args) {
        preferPooledThreads();
        FatalErrors.installForAllThreads();
        String logProblem = logConfigurationProblem();
        if (logProblem != null) {
            System.err.println("xhs-note-router: " + logProblem);
            System.exit(BAD_CONFIGURATION);
        }
        int status = new App(Path.of(""), System.getenv(), System.getProperties(), System.out, System.err)
                .run(Arrays.asList(args));
        System.exit(status);
    }

    /** Logback goes on without any appender after an error in its file: the app would run and say nothing. */
    private static String logConfigurationProblem() {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        return logs.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() == Status.ERROR)
                .map(status -> "invalid log configuration " + System.getProperty(LOGBACK_FILE, "(the jar's logback.xml)") + ": "
                        + status.getMessage() + (status.getThrowable() == null ? "" : " " + status.getThrowable().getMessage())
                        + ". Fix the file (see the README's \"Logs\") or delete it to use the jar's copy.")
                .findFirst().orElse(null);
    }

    /**
     * On two cores the common ForkJoinPool has one thread, and CompletableFuture then starts a new thread for
     * every async step. Two pool threads avoid that (measured when the API calls went through the JDK HttpClient: 376
     * to 537 notes/s at latency 0; mail sends still run on that pool). A value the user set wins.
     */
    private static void preferPooledThreads() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(key, "2");
        }
    }

    public int run(List<String> args) {
        CommandLine cli;
        Settings settings;
        try {
            cli = CommandLine.parse(args);
            if (cli.help()) {
                out.println(CommandLine.USAGE);
                return 0;
            }
            settings = Settings.load(workDir, env, system);
            Management.checkPortFree(settings.management());
        } catch (ConfigException e) {
            err.println("xhs-note-router: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
        Simulator simulator = null;
        try {
            URI baseUrl = settings.baseUrl();
            String token = settings.token();
            LogMask.hide(token);
            if (settings.simulatorMode()) {
                try {
                    simulator = Simulator.start(settings.simulator());
                } catch (IOException e) {
                    err.println("xhs-note-router: invalid simulator.port '" + settings.simulator().port()
                            + "': cannot listen there (" + e.getMessage() + ")");
                    return BAD_CONFIGURATION;
                }
                baseUrl = simulator.baseUrl();
                token = SIMULATOR_TOKEN;
                LOG.warn("SIMULATOR MODE: no justoneapi.token is set, so notes come from the built-in simulator at {}, "
                        + "not from Xiaohongshu. Set JUSTONEAPI_TOKEN to use the real API.", baseUrl);
                seedDemoInbox(settings);
            } else {
                LOG.info("Using Just One API at {} (token set, not shown)", baseUrl);
            }
            if (!settings.configFileFound()) {
                LOG.warn("{} not found in {}: using defaults and environment variables", Settings.CONFIG_FILE, workDir.toAbsolutePath());
            }
            return cli.once() ? runOnce(settings, baseUrl, token, cli.refetch(), cli.watchlist()) : runService(settings, baseUrl, token, cli.refetch());
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    private int runOnce(Settings settings, URI baseUrl, String token, boolean refetch, boolean watchlist) {
        try (NoteRouter router = new NoteRouter(settings, baseUrl, token, refetch, true, clock)) {
            try {
                router.start();
            } catch (Exception e) {
                return cannotStart(e);
            }
            List<Path> job = OnceRun.snapshot(router.watchedFolders(), settings.stateDir().resolve("pending"));
            LOG.info("--once: {} file(s) to process: {}", job.size(),
                    job.stream().map(p -> p.getFileName().toString()).toList());
            if (watchlist) {
                router.runWatchlistNow();
            }
            List<Path> untaken = OnceRun.awaitAll(job, router.registry());
            router.awaitMedia();
            UntakenFiles.setAside(untaken, settings.stateDir().resolve("pending"), out::println);
            router.stopCalling();
            return OnceRun.report(router.registry(), router.gate(), settings.workDir(), settings.stateDir().resolve("pending"), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            return failedToRun(e);
        }
    }

    private int runService(Settings settings, URI baseUrl, String token, boolean refetch) {
        try (NoteRouter router = new NoteRouter(settings, baseUrl, token, refetch, false, clock)) {
            service = router;
            LOG.info("Watching {} for .txt, .csv and .json files (Ctrl-C to stop)", settings.inboxDir());
            router.run();
            return 0;
        } catch (FailedToCreateRouteException | FailedToStartRouteException | ResolveEndpointFailedException e) {
            return cannotStart(e);
        } catch (Exception e) {
            return failedToRun(e);
        }
    }

    /** Kafka set but not usable at start is a configuration matter (exit 2); anything else is exit 1. */
    private int failedToRun(Exception e) {
        if (kafkaUnavailable(e) != null) {
            return cannotStart(e);
        }
        err.println("xhs-note-router: failed to run: " + e.getMessage());
        LOG.debug("failure", e);
        return 1;
    }

    /**
     * A route that cannot be built is a configuration mistake (a YAML route, a delivery setting): one line with
     * the innermost cause, which names the endpoint or setting, and exit status 2.
     */
    private int cannotStart(Exception e) {
        Throwable kafka = kafkaUnavailable(e);
        if (kafka != null) {
            err.println("xhs-note-router: cannot start: " + kafka.getMessage());
            LOG.debug("start failure", e);
            return BAD_CONFIGURATION;
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        err.println("xhs-note-router: cannot start: " + cause.getMessage()
                + " (check routes/*.yaml and " + Settings.CONFIG_FILE + ")");
        LOG.debug("start failure", e);
        return BAD_CONFIGURATION;
    }

    private static Throwable kafkaUnavailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KafkaUnavailable) {
                return c;
            }
        }
        return null;
    }

    /** A first start on the simulator does real work: the new inbox gets the demo file. */
    private void seedDemoInbox(Settings settings) {
        Path demo = settings.workDir().resolve("samples/demo-ids.txt");
        if (!settings.inboxCreated() || !Files.isRegularFile(demo)) {
            return;
        }
        try {
            Files.copy(demo, settings.inboxDir().resolve("demo-ids.txt"));
            LOG.info("First start: the new inbox holds a copy of samples/demo-ids.txt to show what happens");
        } catch (IOException e) {
            LOG.warn("Could not copy samples/demo-ids.txt into the inbox: {}", e.getMessage());
        }
    }
}
