package xhsnoterouter;

import org.apache.camel.builder.RouteBuilder;

import xhsnoterouter.api.AccountProbe;
import xhsnoterouter.ingest.ProgressLog;

/** Timers that watch the work: progress lines, and the account probe while the API account is stopped. */
public final class OperationsRoutes extends RouteBuilder {

    private final ProgressLog progress;
    private final AccountProbe probe;
    private final boolean probing;

    public OperationsRoutes(ProgressLog progress, AccountProbe probe, boolean probing) {
        this.progress = progress;
        this.probe = probe;
        this.probing = probing;
    }

    @Override
    public void configure() {
        from("timer:progress?period=5000&delay=5000").routeId("progress").startupOrder(40)
                .process(e -> progress.log());
        if (probing) {
            from("timer:account-probe?period=1000").routeId("account-probe").startupOrder(41)
                    .process(e -> probe.check());
        }
    }
}
