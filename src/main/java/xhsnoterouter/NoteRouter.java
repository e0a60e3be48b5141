package xhsnoterouter;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.Route;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.AccountProbe;
import xhsnoterouter.api.Answers;
import xhsnoterouter.api.ApiCalls;
import xhsnoterouter.api.ApiUrls;
import xhsnoterouter.api.Backoff;
import xhsnoterouter.api.NoteFlow;
import xhsnoterouter.api.RateGate;
import xhsnoterouter.api.WholeRequestDeadline;
import xhsnoterouter.api.RetryScheduler;
import xhsnoterouter.archive.ArchiveRoutes;
import xhsnoterouter.archive.CrashRecovery;
import xhsnoterouter.archive.FailureArchive;
import xhsnoterouter.archive.NoteArchive;
import xhsnoterouter.archive.OutcomeTopic;
import xhsnoterouter.archive.ReportWriter;
import xhsnoterouter.archive.StorageCheck;
import xhsnoterouter.config.DeliverySettings;
import xhsnoterouter.config.ManagementSettings;
import xhsnoterouter.config.MediaSettings;
import xhsnoterouter.config.Settings;
import xhsnoterouter.delivery.Deliveries;
import xhsnoterouter.delivery.EventBus;
import xhsnoterouter.delivery.Events;
import xhsnoterouter.delivery.EventsComponent;
import xhsnoterouter.delivery.MailMessages;
import xhsnoterouter.delivery.OutboxComponent;
import xhsnoterouter.delivery.WebhookHeaders;
import xhsnoterouter.ingest.Batch;
import xhsnoterouter.ingest.BatchRegistry;
import xhsnoterouter.ingest.FileIngest;
import xhsnoterouter.ingest.IngestRoutes;
import xhsnoterouter.ingest.PendingNotes;
import xhsnoterouter.ingest.ProgressLog;
import xhsnoterouter.kafka.KafkaSetup;
import xhsnoterouter.media.MediaJobs;
import xhsnoterouter.observe.Management;
import xhsnoterouter.observe.Metrics;
import xhsnoterouter.report.CampaignReport;
import xhsnoterouter.schedule.Watchlists;

/**
 * The assembled app: every part made once from the settings, and the Camel Main that runs the routes.
 * Java routes carry the note from ingest to its outcome; the YAML routes in {@code routes/} wire the inbox.
 */
public final class NoteRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter");
    /** Numbers each instance's Quartz scheduler (see the watchlist wiring). */
    private static final AtomicInteger QUARTZ_SCHEDULERS = new AtomicInteger();
    /** Where routes/watchlist.yaml takes a run of the watchlist. */
    private static final String WATCHLIST_RUN = "direct:watchlist";

    private final AccountGate gate;
    private final RetryScheduler retries;
    private final NoteArchive archive;
    private final PendingNotes pending;
    private final CrashRecovery recovery;
    private final BatchRegistry registry = new BatchRegistry();
    private final Main main = new Main();
    private final EventBus bus = new EventBus();
    private final Deliveries deliveries;
    private final Duration settleWithin;
    private final Duration deliverWithin;
    private final boolean once;
    private final ManagementSettings management;
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final KafkaSetup.Settle kafkaSettle;
    private final MediaJobs media;
    private ProducerTemplate producer;

    public NoteRouter(Settings settings, URI baseUrl, String token, boolean refetch, boolean once, Clock clock) {
        this.gate = new AccountGate(clock);
        this.management = settings.management();
        // Health and metrics (management.*): Metrics.NONE when off.
        Metrics metrics = Management.install(main, settings.management(), gate, this::notesWaiting);
        ApiUrls urls = new ApiUrls(baseUrl, token);
        RateGate rate = new RateGate(settings.concurrency(), settings.maxRequestsPerSecond());
        WholeRequestDeadline deadline = new WholeRequestDeadline(Duration.ofSeconds(settings.timeoutSeconds()));
        Backoff backoff = new Backoff(settings.retryInitialDelayMs(), settings.retryMaxDelayMs());
        this.retries = new RetryScheduler(backoff, metrics);
        this.archive = new NoteArchive(settings.outboxDir(), settings.keepHistory(), clock);
        this.pending = new PendingNotes(settings.stateDir());
        this.recovery = new CrashRecovery(settings.outboxDir(), settings.stateDir(), archive, clock);
        CrashRecovery.Result recovered;
        try {
            recovered = recovery.recoverAndMark();
        } catch (IOException e) {
            LOG.error("Could not check the outbox after the last run: {}", e.getMessage());
            recovered = null;
        }
        FailureArchive failures = new FailureArchive(settings.outboxDir(), urls);
        Events events = new Events(clock, bus);
        DeliverySettings delivery = settings.delivery();
        this.deliveries = new Deliveries(settings.outboxDir(), settings.stateDir(), backoff,
                Duration.ofSeconds(delivery.resendIntervalSeconds()), clock, metrics);
        this.once = once;
        this.settleWithin = Duration.ofSeconds(settings.timeoutSeconds() + 5);
        this.deliverWithin = Duration.ofSeconds(Math.max(delivery.webhookTimeoutSeconds(), 30) + 2);
        gate.listener(new AccountGate.Listener() {
            @Override
            public void paused(AccountGate.Stop stop) {
                events.apiPaused(stop, notesWaiting());
            }

            @Override
            public void resumed(AccountGate.Stop stop) {
                events.apiResumed(stop, notesWaiting());
            }
        });
        FileIngest ingest = new FileIngest(registry, archive, pending, new ReportWriter(settings.outboxDir()),
                new CampaignReport(settings.outboxDir(), clock), gate, clock, refetch, events);
        if (recovered != null) {
            // Held by the bus until the delivery routes have started.
            recovered.recent().forEach(events::noteFetched);
        }
        int fetchQueueSize = Math.max(64, settings.concurrency() * 4);
        String fetchQueue = Endpoints.fetchQueue(fetchQueueSize);

        main.setDefaultPropertyPlaceholderLocation(
                "file:" + settings.workDir().resolve(Settings.CONFIG_FILE) + ";optional=true");
        settings.asProperties().forEach(main::addOverrideProperty);
        // What the YAML note path reads (routes/fetch.yaml): the API as this run uses it (the simulator's own address
        // when no token is set), and two values of the app's.
        main.addOverrideProperty("justoneapi.base-url", baseUrl.toString());
        main.addOverrideProperty("justoneapi.token", token);
        // Settings has already read the environment for its keys; Camel's own default would let an environment
        // variable win over the values above (JUSTONEAPI_BASE_URL in simulator mode). It still fills in the rest.
        main.addInitialProperty("camel.component.properties.environment-variable-mode", "1");
        main.addOverrideProperty("xnr.fetch-queue-size", Integer.toString(fetchQueueSize));
        apiClientDefaults(settings).forEach(main::addInitialProperty);
        main.configure().setName("xhs-note-router");
        main.configure().setJmxEnabled(false);
        main.configure().setStartupSummaryLevel(StartupSummaryLevel.Oneline);
        main.configure().setRoutesIncludePattern("file:" + settings.workDir().resolve("routes") + "/*.yaml");
        main.configure().setShutdownTimeout(settings.timeoutSeconds() + 15);
        main.bind(EventsComponent.SCHEME, new EventsComponent(bus));
        // What routes/webhook.yaml and routes/mail.yaml use: the outbox (queue, retries, spool) and their beans.
        main.bind(OutboxComponent.SCHEME, new OutboxComponent(deliveries));
        main.bind("webhookHeaders", new WebhookHeaders(clock));
        main.bind("mailMessages", new MailMessages());
        main.bind("smtpLogin", delivery.smtp().login());
        main.bind("smtpSecurity", delivery.smtp().javaMailProperties(Duration.ofSeconds(30)));
        // routes/watchlist.yaml: Quartz fires the watchlist only in the service and when schedule.cron is set.
        boolean scheduled = !once && !settings.schedule().cron().isEmpty();
        main.addOverrideProperty("xnr.watchlist-scheduled", Boolean.toString(scheduled));
        if (!once && !scheduled) {
            LOG.info("Watchlist {}: no schedule (schedule.cron is empty)", settings.schedule().watchlist());
        }
        main.bind("watchlists", new Watchlists(settings.workDir(), settings.stateDir(), clock));
        // routes/media.yaml (media.download): the downloads on a camel-http component of their own, so the API's
        // timeouts, pool and deadline stay the API's. The simulator's answers point at its own address.
        MediaSettings mediaSettings = settings.simulatorMode()
                ? settings.media().allowing(baseUrl.getHost() + ":" + baseUrl.getPort()) : settings.media();
        this.media = new MediaJobs(settings.outboxDir(), mediaSettings);
        if (mediaSettings.enabled()) {
            try {
                media.recover(recovered == null ? List.of() : recovered.recent());
            } catch (IOException e) {
                LOG.error("Could not read outbox/media after the last run: {}", e.getMessage());
            }
        }
        main.bind("media", media);
        main.bind("media-http", mediaHttp(mediaSettings));
        main.bind("mediaRedelivery", mediaRedelivery(settings));
        // Quartz keeps its schedulers in one registry per JVM, by name, and camel-quartz names one after the
        // CamelContext, the same in every instance: two instances in one JVM (an embedding app, the Kafka tests) would
        // share a scheduler, one's watchlist job firing into the other's context, or fail to start on a name taken.
        // A name per instance keeps them apart; a user's org.quartz.scheduler.instanceName line still wins.
        main.addInitialProperty("camel.component.quartz.properties[org.quartz.scheduler.instanceName]",
                "xnr-" + QUARTZ_SCHEDULERS.incrementAndGet());
        // The beans routes/fetch.yaml calls.
        main.bind("notes", new NoteFlow(gate, retries, settings.retryMaxAttempts(), clock, ingest::admitResolved));
        main.bind("apiCalls", new ApiCalls(gate, rate, deadline, metrics));
        main.bind("answers", new Answers(urls::mask, baseUrl.getHost(), deadline, rate, metrics));
        // camel-http with the whole-request deadline; it bounds only calls ApiCalls.open started, so other http
        // endpoints a user adds are left alone. The camel.component.http.* settings still apply to it.
        HttpComponent http = new HttpComponent();
        http.setHttpClientConfigurer(deadline);
        main.bind("http", http);
        // The same client for https:// (the real API's base URL): without this, Camel would make a second http
        // component for the "https" scheme with none of the settings above (no deadline, no timeouts, re-sends).
        main.bind("https", http);
        main.bind("retries", retries);
        main.bind("jsonMapper", Json.MAPPER);
        // Camel Main adds an InterceptStrategy bean to every route: out of memory in any step ends the process clearly.
        main.bind("fatalErrors", FatalErrors.interceptStrategy());
        main.bind("accountProbe", new AccountProbe(gate, clock, !once,
                new StorageCheck(settings.outboxDir(), settings.stateDir())::writable));
        main.bind(IngestRoutes.PENDING_FILTER_BEAN, (GenericFileFilter<Object>) file -> gate.isOpen() && !file.isDirectory());
        // Kafka (kafka.*): nothing of it is loaded when no brokers are set.
        KafkaSetup.Installed kafka = settings.kafka().enabled()
                ? KafkaSetup.install(main, settings.kafka(), ingest, gate, clock, refetch, fetchQueue,
                        settings.concurrency(), !once, bus,
                        this::producer)
                : new KafkaSetup.Installed(OutcomeTopic.NONE, max -> { });
        this.kafkaSettle = kafka.beforeStop();
        OutcomeTopic outcomes = kafka.outcomes();
        main.configure().addRoutesBuilder(new ArchiveRoutes(archive, failures, pending, registry, events, gate, metrics,
                outcomes, mediaSettings.enabled()));
        main.configure().addRoutesBuilder(new IngestRoutes(ingest, fetchQueue, pending.dir().toString()));
        main.configure().addRoutesBuilder(new OperationsRoutes(new ProgressLog(registry, rate::limitedPace), !once,
                recovery::heartbeat,
                new UntakenFiles(this::watchedFolders, registry, pending.dir())));
        retries.resubmitTo(task -> producer().sendBody(fetchQueue, task));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                bus.open();
                Management.start(main.getCamelContext(), management);
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                if (!gate.isShuttingDown()) {
                    LOG.info("Stopping: requests in flight finish; every other note is kept pending in {} for the next start",
                            pending.dir());
                }
                stopCalling();
                finishBeforeRoutesStop();
            }
        });
    }

    /**
     * How routes/media.yaml tries a download again (its routeConfiguration media-retries): the retry.* settings, as the
     * notes' retries use them; the wait holds no thread.
     */
    private static RedeliveryPolicy mediaRedelivery(Settings settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(settings.retryMaxAttempts() - 1);
        policy.setRedeliveryDelay(settings.retryInitialDelayMs());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setUseCollisionAvoidance(true);
        policy.setMaximumRedeliveryDelay(settings.retryMaxDelayMs());
        policy.setAsyncDelayedRedelivery(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setLogExhausted(false);
        return policy;
    }

    /**
     * The component routes/media.yaml downloads with: media.timeout-seconds for connecting and for each read (MediaSaver
     * bounds the whole body), no cookies, no automatic re-sends (media-download decides what is tried again), a
     * connection per download thread.
     */
    private static HttpComponent mediaHttp(MediaSettings media) {
        HttpComponent http = new HttpComponent();
        long timeoutMs = media.timeoutSeconds() * 1000L;
        http.setConnectTimeout(timeoutMs);
        http.setResponseTimeout(timeoutMs);
        http.setSoTimeout(timeoutMs);
        http.setConnectionsPerRoute(Math.max(20, media.concurrency()));
        http.setMaxTotalConnections(Math.max(200, media.concurrency()));
        http.setCookieManagementDisabled(true);
        http.setAutomaticRetriesDisabled(true);
        http.setUserAgent("xhs-note-router");
        return http;
    }

    /**
     * camel-http's component options for the API call, from the settings; a {@code camel.component.http.*} line in
     * config/application.properties wins over each. No hidden re-sends (a re-sent call is a billed call), a
     * connection per worker, and every timeout at justoneapi.timeout-seconds (WholeRequestDeadline bounds the whole
     * request, body included).
     */
    private static Map<String, String> apiClientDefaults(Settings settings) {
        String timeoutMs = Long.toString(settings.timeoutSeconds() * 1000L);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.component.http.automatic-retries-disabled", "true");
        p.put("camel.component.http.connections-per-route", Integer.toString(Math.max(20, settings.concurrency())));
        p.put("camel.component.http.max-total-connections", Integer.toString(Math.max(200, settings.concurrency())));
        p.put("camel.component.http.connect-timeout", timeoutMs);
        p.put("camel.component.http.response-timeout", timeoutMs);
        p.put("camel.component.http.so-timeout", timeoutMs);
        p.put("camel.component.http.user-agent", "xhs-note-router");
        // The API sets no cookies, and one answer's cookie should not ride on the next note's call.
        p.put("camel.component.http.cookie-management-disabled", "true");
        // An answer (~14 KB) arrives as one byte[] (what the archive keeps) rather than through a stream cache first.
        p.put("camel.component.http.response-payload-streaming-threshold", "1048576");
        return p;
    }

    /**
     * Before Camel stops any route: let the notes under way settle (the gate is shut, so the rest go pending
     * quickly), so that every event they raise still reaches the delivery routes; give queued deliveries their
     * attempt (with {@code --once} also their retries); then close the sinks, which spools what is left. All of
     * it happens here because after SIGTERM the JVM exits once Camel has stopped: work left for after
     * {@code run()} returns could be cut off. Every wait is bounded; a second call does nothing.
     */
    private void finishBeforeRoutesStop() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + settleWithin.toNanos();
        try {
            while (!registry.active().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            kafkaSettle.within(Duration.ofSeconds(3));
            deliveries.drain(deliverWithin, once);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.close(deliverWithin);
        recovery.markCleanStop();
    }

    /** For the account events: notes of the files under way without an outcome or kept pending, and those on disk. */
    private long notesWaiting() {
        long count = 0;
        Set<Path> beingProcessed = new HashSet<>();
        for (Batch batch : registry.active()) {
            Batch.Counts c = batch.counts();
            count += c.open() + c.pending();
            beingProcessed.add(batch.file().toAbsolutePath());
        }
        return count + pending.notesWaitingOnDisk(beingProcessed);
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

    /** Makes {@link #run()} stop and return, as SIGTERM does. */
    public void requestStop() {
        main.completed();
    }

    /**
     * Settings read, beans bound, routes loaded, nothing started; {@link #start()} starts it. The route tests
     * (src/test/java/xhsnoterouter/routes) advise routes in between with Camel's test kit.
     */
    public CamelContext prepare() throws Exception {
        main.init();
        return main.getCamelContext();
    }

    /** Started by hand ({@code --once}): Main calls its listeners only from {@link #run()}, so do their work here. */
    public void start() throws Exception {
        main.start();
        bus.open();
        Management.start(main.getCamelContext(), management);
    }

    /** No new API calls from now on; notes waiting for a retry go pending. */
    public void stopCalling() {
        gate.shutDown();
        retries.expedite();
        media.stop();
    }

    /** {@code --once}: waits for the media downloads still open (those a restart picked up too). */
    public void awaitMedia() throws InterruptedException {
        while (!media.awaitIdle(Duration.ofSeconds(1))) {
            // each download is bounded by media.timeout-seconds and its retries
        }
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

    /** {@code --once --watchlist}: the watchlist runs now (routes/watchlist.yaml); returns once its batch is done. */
    public void runWatchlistNow() {
        Exchange run = producer().send(WATCHLIST_RUN, exchange -> { });
        if (run.getException() != null) {
            LOG.warn("--watchlist: the watchlist did not run: {}", run.getException().getMessage());
        }
    }

    public BatchRegistry registry() {
        return registry;
    }

    public AccountGate gate() {
        return gate;
    }

    @Override
    public void close() throws IOException {
        stopCalling();
        finishBeforeRoutesStop();
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
