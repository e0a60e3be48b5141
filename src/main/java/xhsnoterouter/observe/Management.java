package xhsnoterouter.observe;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.LongSupplier;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.api.AccountGate;
import xhsnoterouter.config.ConfigException;
import xhsnoterouter.config.ManagementSettings;

/**
 * Turns on Camel Main's own management HTTP server (camel-platform-http-main) with its health and Prometheus
 * endpoints (camel-micrometer-prometheus): {@code /observe/health} (with {@code /live} and {@code /ready}) and
 * {@code /observe/metrics}, on {@code management.host:management.port}. The app's meters go into the registry that
 * Camel scrapes; the account's state is a readiness check. With {@code management.port=0} nothing listens and the
 * metrics cost nothing.
 */
public final class Management {

    public static final String HEALTH_PATH = "/observe/health";
    public static final String METRICS_PATH = "/observe/metrics";
    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter");

    private Management() {
    }

    /**
     * Before Camel starts: the registry Camel's metrics take instead of making their own, and the account's readiness
     * check (Camel's health registry picks up every HealthCheck bean). Returns the metrics the business classes
     * report to.
     */
    public static Metrics install(Main main, ManagementSettings settings, AccountGate gate, LongSupplier notesWaiting) {
        if (!settings.enabled()) {
            return Metrics.NONE;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        main.bind("xnrAccountHealthCheck", new AccountHealthCheck(gate));
        return new MicrometerMetrics(registry, notesWaiting);
    }

    /**
     * Once the routes run: Camel's management server (the one Camel Main makes for {@code camel.management.*}) and
     * its Prometheus scraper. Made at Camel's own start they held up the routes by 0.4-0.6 s of Vert.x and Micrometer
     * set-up (docs/performance.md); the health endpoint answers that much later, and until then a probe of it fails,
     * which is the right answer for an app not yet ready. A port taken at launch has stopped the start before (see
     * {@link #checkPortFree}); one taken since then leaves the routes running without the server, with one line.
     */
    public static void start(CamelContext camel, ManagementSettings settings) {
        if (!settings.enabled()) {
            return;
        }
        try {
            // Checked again: the port may have been taken since the launch, and Vert.x reports a failed bind only on
            // its own thread, as a stack trace, while the start seems to succeed.
            checkPortFree(settings);
            HttpManagementServerConfigurationProperties config = new HttpManagementServerConfigurationProperties(null)
                    .withHost(settings.host())
                    .withPort(settings.port())
                    .withPath("/")
                    .withHealthCheckEnabled(true)
                    .withHealthPath(HEALTH_PATH)
                    .withMetricsEnabled(true);
            camel.addService(new DefaultMainHttpServerFactory().newHttpManagementServer(camel, config));
            MicrometerPrometheus metrics = new MicrometerPrometheus();
            metrics.setCamelContext(camel);
            metrics.setPath(METRICS_PATH);
            // Camel's per-exchange timers would cost every note several meter updates in each of its routes (the
            // project aims at well under 1 ms of CPU per note); the xnr_ meters say what happens to the notes.
            metrics.setEnableRoutePolicy(false);
            metrics.setEnableExchangeEventNotifier(false);
            metrics.setBinders("jvm-memory,jvm-gc,jvm-thread,processor,uptime");
            camel.addService(metrics);
            LOG.info("Health on http://{}:{}{} and metrics on http://{}:{}{}", settings.host(), settings.port(),
                    HEALTH_PATH, settings.host(), settings.port(), METRICS_PATH);
        } catch (ConfigException e) {
            LOG.error("Health and metrics are off: {}", e.getMessage());
        } catch (Exception e) {
            LOG.error("Health and metrics are off: {}", portTaken(e) ? portTakenMessage(settings, e)
                    : "their server did not start (" + e.getMessage() + ")");
            LOG.debug("management server failure", e);
        }
    }

    /**
     * Before anything starts: the port must be free on its address, or the start ends with one line naming
     * {@code management.port} (exit status 2) instead of a server error deep in Camel's start.
     */
    public static void checkPortFree(ManagementSettings settings) throws ConfigException {
        if (!settings.enabled()) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException | SecurityException e) {
            throw new ConfigException(portTakenMessage(settings, e));
        }
    }

    /** Whether the server failed because the management port could not be listened on. */
    private static boolean portTaken(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static String portTakenMessage(ManagementSettings settings, Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "invalid management.port '" + settings.port() + "': cannot listen on " + settings.host() + ":"
                + settings.port() + " (" + cause.getMessage() + "); another program, or another xhs-note-router, "
                + "uses it. Choose a free port with MANAGEMENT_PORT (or management.port in "
                + "config/application.properties), or 0 to turn health and metrics off";
    }
}
