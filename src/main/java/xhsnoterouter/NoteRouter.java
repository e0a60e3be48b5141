package xhsnoterouter;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.AccountProbe;
import xhsnoterouter.api.ApiClient;
import xhsnoterouter.api.ApiUrls;
import xhsnoterouter.api.Backoff;
import xhsnoterouter.api.Classifier;
import xhsnoterouter.api.FetchRoutes;
import xhsnoterouter.api.Fetcher;
import xhsnoterouter.api.RateGate;
import xhsnoterouter.api.RetryScheduler;
import xhsnoterouter.archive.ArchiveRoutes;
import xhsnoterouter.archive.FailureArchive;
import xhsnoterouter.archive.NoteArchive;
import xhsnoterouter.archive.ReportWriter;
import xhsnoterouter.config.Settings;
import xhsnoterouter.ingest.BatchRegistry;
import xhsnoterouter.ingest.FileIngest;
import xhsnoterouter.ingest.IngestRoutes;
import xhsnoterouter.ingest.PendingNotes;
import xhsnoterouter.ingest.ProgressLog;

/**
 * The assembled app: every part made once from the settings, and the Camel Main that runs the routes.
 * Java routes carry the note from ingest to its outcome; the YAML routes in {@code routes/} wire the inbox.
 */
public final class NoteRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter");

    private final AccountGate gate;
    private final RetryScheduler retries;
    private final NoteArchive archive;
    private final PendingNotes pending;
    private final BatchRegistry registry = new BatchRegistry();
    private final Main main = new Main();
    private ProducerTemplate producer;

    public NoteRouter(Settings settings, URI baseUrl, String token, boolean refetch, boolean once, Clock clock) {
        ApiUrls urls = new ApiUrls(baseUrl, token);
        RateGate rate = new RateGate(settings.concurrency(), settings.maxRequestsPerSecond());
        ApiClient client = new ApiClient(urls, Duration.ofSeconds(settings.timeoutSeconds()), rate);
        Classifier classifier = new Classifier(urls::mask);
        this.gate = new AccountGate(clock);
        this.retries = new RetryScheduler(new Backoff(settings.retryInitialDelayMs(), settings.retryMaxDelayMs()));
        this.archive = new NoteArchive(settings.outboxDir(), clock);
        this.pending = new PendingNotes(settings.stateDir());
        FailureArchive failures = new FailureArchive(settings.outboxDir(), urls);
        FileIngest ingest = new FileIngest(registry, archive, pending, new ReportWriter(settings.outboxDir()), gate,
                clock, refetch);
        Fetcher fetcher = new Fetcher(client, classifier, gate, rate, retries, settings.retryMaxAttempts(), clock);
        String fetchQueue = Endpoints.fetchQueue(Math.max(64, settings.concurrency() * 4));

        main.setDefaultPropertyPlaceholderLocation(
                "file:" + settings.workDir().resolve(Settings.CONFIG_FILE) + ";optional=true");
        settings.asProperties().forEach(main::addOverrideProperty);
        main.configure().setName("xhs-note-router");
        main.configure().setJmxEnabled(false);
        main.configure().setStartupSummaryLevel(StartupSummaryLevel.Oneline);
        main.configure().setRoutesIncludePattern("file:" + settings.workDir().resolve("routes") + "/*.yaml");
        main.configure().setShutdownTimeout(settings.timeoutSeconds() + 15);
        main.bind(IngestRoutes.PENDING_FILTER_BEAN, (GenericFileFilter<Object>) file -> gate.isOpen() && !file.isDirectory());
        main.configure().addRoutesBuilder(new ArchiveRoutes(archive, failures, pending, registry));
        main.configure().addRoutesBuilder(new FetchRoutes(fetcher, retries, fetchQueue, settings.concurrency()));
        main.configure().addRoutesBuilder(new IngestRoutes(ingest, fetchQueue, pending.dir().toString()));
        main.configure().addRoutesBuilder(new OperationsRoutes(new ProgressLog(registry),
                new AccountProbe(gate, client, classifier, clock), !once));
        retries.resubmitTo(task -> producer().sendBody(fetchQueue, task));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport m) {
                if (!gate.isShuttingDown()) {
                    LOG.info("Stopping: requests in flight finish; every other note is kept pending in {} for the next start",
                            pending.dir());
                }
                stopCalling();
            }
        });
    }

    /** Made on first use: the Camel context exists only once Main has started. */
    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = main.getCamelContext().createProducerTemplate();
        }
        return producer;
    }

    /** Service mode: runs until SIGTERM / Ctrl-C. */
    public void run() throws Exception {
        main.run();
    }

    public void start() throws Exception {
        main.start();
    }

    /** No new API calls from now on; notes waiting for a retry go pending. */
    public void stopCalling() {
        gate.shutDown();
        retries.expedite();
    }

    /** The folders that file routes consume from: the inbox, any inbox added in YAML, and the pending folder. */
    public List<Path> watchedFolders() {
        List<Path> folders = new ArrayList<>();
        for (Route route : main.getCamelContext().getRoutes()) {
            if (route.getEndpoint() instanceof FileEndpoint file) {
                folders.add(file.getFile().toPath().toAbsolutePath().normalize());
            }
        }
        return folders;
    }

    public BatchRegistry registry() {
        return registry;
    }

    public AccountGate gate() {
        return gate;
    }

    @Override
    public void close() throws IOException {
        try {
            main.stop();
        } catch (Exception e) {
            // Stopping is best effort: the files below are closed either way.
        }
        retries.close();
        pending.close();
        archive.close();
    }
}
