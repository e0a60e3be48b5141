package xhsnoterouter.observe;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.LongSupplier;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.Main;

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

    private Management() {
    }

    /** Configures {@code main} before it starts; returns the metrics the business classes report to. */
    public static Metrics install(Main main, ManagementSettings settings, AccountGate gate, LongSupplier notesWaiting) {
        if (!settings.enabled()) {
            return Metrics.NONE;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Camel's MicrometerPrometheus takes the registry bound under this name instead of making its own.
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        // Camel's health registry picks up every HealthCheck bean.
        main.bind("xnrAccountHealthCheck", new AccountHealthCheck(gate));
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.host", settings.host());
        main.addOverrideProperty("camel.management.port", Integer.toString(settings.port()));
        main.addOverrideProperty("camel.management.health-check-enabled", "true");
        main.addOverrideProperty("camel.management.health-path", HEALTH_PATH);
        main.addOverrideProperty("camel.management.metrics-enabled", "true");
        main.addOverrideProperty("camel.metrics.enabled", "true");
        main.addOverrideProperty("camel.metrics.path", METRICS_PATH);
        // Camel's per-exchange timers would cost every note several meter updates in each of its routes (the
        // project aims at well under 1 ms of CPU per note); the xnr_ meters say what happens to the notes.
        main.addOverrideProperty("camel.metrics.enable-route-policy", "false");
        main.addOverrideProperty("camel.metrics.enable-exchange-event-notifier", "false");
        main.addOverrideProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime");
        return new MicrometerMetrics(registry, notesWaiting);
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

    /** Whether a start failed because the management port could not be listened on. */
    public static boolean portTaken(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    public static String portTakenMessage(ManagementSettings settings, Throwable failure) {
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
