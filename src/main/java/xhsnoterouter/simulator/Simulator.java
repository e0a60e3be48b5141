package xhsnoterouter.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

/**
 * The built-in simulator of Just One API's Note Details (V1) endpoint (SPEC §9), of its V6 (the same note with its
 * video streams) and of its share-link endpoint (xhslink.com links, see {@link #noteIdOfShortLink}), and the CDN of
 * the notes' media ({@code /media/<noteId>/<name>}, the URLs its answers give): a real HTTP server on loopback, for the
 * demo without a token, the tests and the benchmark.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.simulator");
    // Handlers only decide and hand off (answers with latency go out from the timer), so a few threads
    // keep up with thousands of requests per second.
    private static final int HANDLER_THREADS = 4;
    private static final int TIMER_THREADS = 2;
    private static final int BACKLOG = 1024;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server flushes headers and body in two writes; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK, ~40 ms per keep-alive request. The server reads this once, at its
        // first use, and offers no other way to set TCP_NODELAY.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledThreadPoolExecutor timer;
    private final Traffic traffic = new Traffic();
    private final RateLimit rateLimit;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final URI baseUrl;

    private Simulator(SimulatorSettings settings, FaultPlan faults) throws IOException {
        // 127.0.0.1 literally, not getLoopbackAddress(), which may be ::1 when IPv6 is preferred.
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        server = HttpServer.create(new InetSocketAddress(loopback, settings.port()), BACKLOG);
        handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("xhs-simulator-http-"));
        timer = new ScheduledThreadPoolExecutor(TIMER_THREADS, daemonThreads("xhs-simulator-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        server.setExecutor(handlers);
        rateLimit = new RateLimit(settings.rateLimitPerSecond());
        // The server is bound once created, so its port, which the answers' media links carry, is known before start.
        baseUrl = URI.create("http://" + loopback.getHostAddress() + ":" + server.getAddress().getPort());
        Dispatcher dispatcher = new Dispatcher(traffic, timer, settings.latencyMs());
        server.createContext("/", new NoteDetailHandler(settings, faults, rateLimit, traffic, dispatcher, baseUrl,
                System::currentTimeMillis));
        server.createContext(MediaUrls.PREFIX, new MediaHandler(settings, faults, traffic, dispatcher,
                System::currentTimeMillis));
        server.start();
    }

    /** @throws IllegalArgumentException if {@code settings.faults()} is not a valid fault plan */
    public static Simulator start(SimulatorSettings settings) throws IOException {
        FaultPlan faults = FaultPlan.parse(settings.faults());
        Simulator simulator = new Simulator(settings, faults);
        LOG.info("Built-in simulator of Just One API Note Details (V1, V6 with video) and share links, serving the notes'"
                        + " media on /media/ - NOT the real API - listening on {} (latency {} ms, faults {}, seed {},"
                        + " rate limit {})",
                simulator.baseUrl, settings.latencyMs(), faults.describe(), settings.seed(), simulator.rateLimit.describe());
        return simulator;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    /** Requests received on the note-detail and share-link paths, answered or not. */
    public long requestCount() {
        return traffic.requests();
    }

    /** Requests answered code 302 because they came above {@code simulator.rate-limit-per-second}. */
    public long rateLimitedCount() {
        return traffic.rateLimitedCount();
    }

    /** Requests received per second, from the first to the last (all requests, the rate-limited included). */
    public double requestsPerSecond() {
        return traffic.requestsPerSecond();
    }

    /** Note-detail requests with a token received for this note ID (given bare or as an /explore/ link, any case). */
    public int attemptsFor(String noteId) {
        return NoteIdParam.parse(noteId).map(traffic::attemptsFor).orElse(0);
    }

    /** V6 note-detail requests with a token received for this note ID, counted apart from V1's. */
    public int v6AttemptsFor(String noteId) {
        return NoteIdParam.parse(noteId).map(traffic::v6AttemptsFor).orElse(0);
    }

    /** Requests received on {@code /media/}, answered or not, counted apart from {@link #requestCount}. */
    public long mediaRequests() {
        return traffic.mediaRequests();
    }

    /**
     * Requests received for one media file, given as its path {@code /media/<noteId>/<name>} or as a whole URL (its
     * query, {@code sign}, {@code t} or {@code backup}, does not matter). Requests for unknown files are not counted here.
     */
    public int mediaRequestsFor(String pathOrUrl) {
        String path = pathOrUrl.startsWith("/") ? pathOrUrl : URI.create(pathOrUrl).getRawPath();
        int query = path.indexOf('?');
        return traffic.mediaRequestsFor(query < 0 ? path : path.substring(0, query));
    }

    /** Share-link requests with a token received for this short link's code (whatever its scheme or a/o/m path). */
    public int resolutionsFor(String shareUrl) {
        return ShareLinks.code(shareUrl).map(code -> traffic.linkAttemptsFor(ShareLinks.noteIdOfCode(code))).orElse(0);
    }

    /**
     * The note an {@code http(s)://xhslink.com/<a|o|m>/<code>} link leads to in any simulator: an ID derived from the
     * code alone (same code, same ID; different codes, different IDs). A code starting with {@code gone} leads to the
     * 404 page instead (the simulator's convention for a deleted note's link), so its ID is never fetched.
     *
     * @throws IllegalArgumentException when {@code shareUrl} is not such a link (the endpoint answers code 400)
     */
    public static String noteIdOfShortLink(String shareUrl) {
        return ShareLinks.code(shareUrl).map(ShareLinks::noteIdOfCode)
                .orElseThrow(() -> new IllegalArgumentException("not an xhslink.com/a|o|m/<code> link: " + shareUrl));
    }

    /** The most requests received but not yet answered at one moment, held timeouts included. */
    public int maxInFlight() {
        return traffic.maxInFlight();
    }

    /** Stops at once: delayed answers are not sent and held connections are dropped. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        traffic.releaseAll();
        server.stop(0);
        handlers.shutdownNow();
        if (rateLimit.isOn()) {
            // bench/run.sh reads this line
            LOG.info("Built-in simulator on {} stopped after {} requests ({} req/s from first to last), {} answered 302"
                            + " by the rate limit of {}", baseUrl, traffic.requests(),
                    String.format(Locale.ROOT, "%.2f", traffic.requestsPerSecond()), traffic.rateLimitedCount(),
                    rateLimit.describe());
        } else {
            LOG.info("Built-in simulator on {} stopped after {} requests", baseUrl, traffic.requests());
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
