package xhsnoterouter.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import xhsnoterouter.api.AccountGate;

/**
 * Readiness of the app as a fetcher of notes: DOWN while the API account is stopped (or the outbox cannot be
 * written, or the app is stopping), since every note then waits pending. Not a liveness check: a stopped account
 * is not a reason to restart the process, which would only wait for the same probe or quota reset.
 */
public final class AccountHealthCheck extends AbstractHealthCheck {

    public static final String ID = "account";

    private final AccountGate gate;

    public AccountHealthCheck(AccountGate gate) {
        super("xnr", ID);
        this.gate = gate;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AccountGate.Stop stop = gate.stop().orElse(null);
        if (stop != null) {
            builder.detail("reason", stop.reason().name());
            builder.detail("since", stop.since().toString());
            builder.detail("resumeAt", stop.resumeAt().toString());
            builder.message("API calls stopped (" + stop.reason().name() + "): notes are kept pending; next try "
                    + stop.resumeAt());
            builder.down();
        } else if (!gate.isOpen()) {
            builder.message("stopping: no new API calls");
            builder.down();
        } else {
            builder.up();
        }
    }
}
