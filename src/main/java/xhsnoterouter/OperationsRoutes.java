package xhsnoterouter;

import org.apache.camel.builder.RouteBuilder;

import xhsnoterouter.ingest.ProgressLog;

/**
 * Timers that watch the work: progress lines, the heartbeat that tells a later start when this run was last
 * alive (see CrashRecovery), and in service mode the check for inbox files no route takes (UntakenFiles). The
 * account probe is a YAML route (routes/fetch.yaml).
 */
public final class OperationsRoutes extends RouteBuilder {

    private final ProgressLog progress;
    private final boolean probing;
    private final Runnable heartbeat;
    private final UntakenFiles untaken;

    OperationsRoutes(ProgressLog progress, boolean probing, Runnable heartbeat,
                     UntakenFiles untaken) {
        this.untaken = untaken;
        this.heartbeat = heartbeat;
        this.progress = progress;
        this.probing = probing;
    }

    @Override
    public void configure() {
        from("timer:progress?period=5000&delay=5000").routeId("progress").startupOrder(40)
                .process(e -> progress.log());
        from("timer:heartbeat?period=2000").routeId("heartbeat").startupOrder(42)
                .process(e -> heartbeat.run());
        if (probing) {
            from("timer:untaken-files?period=2000&delay=5000").routeId("untaken-files").startupOrder(43)
                    .process(e -> untaken.check());
        }
    }
}
