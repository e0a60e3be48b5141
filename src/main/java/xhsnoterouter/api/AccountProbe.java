package xhsnoterouter.api;

import java.time.Clock;
import java.util.function.BooleanSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.NoteId;

/**
 * While the account is stopped, decides when to try again: after the quota reset for 303 (no call needed),
 * otherwise one probe call an hour with the note (or the short link being resolved) that saw the stop. Called
 * periodically by the timer route {@code account-probe} ({@code routes/fetch.yaml}), which makes the call.
 */
public final class AccountProbe {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProbe.class);

    private final AccountGate gate;
    private final Clock clock;
    private final BooleanSupplier storageWritable;
    private final boolean probing;

    /** @param probing false with --once: a stopped account ends that run (exit 3), nothing is probed */
    public AccountProbe(AccountGate gate, Clock clock, boolean probing, BooleanSupplier storageWritable) {
        this.probing = probing;
        this.storageWritable = storageWritable;
        this.gate = gate;
        this.clock = clock;
    }

    /**
     * Asked when the stop was met elsewhere (another instance): any well-formed note ID tells whether the account
     * answers (a missing note is code 201, still an answer). The first ID of samples/demo-ids.txt.
     */
    public static final String ANY_NOTE = "269e0d37f2a74de452e6b438";

    /**
     * Whether a probe call is due now. The stops that need no call are settled here (the quota reset has come; the
     * outbox is writable again); for the others the call's target is set in header {@value NoteFlow#NOTE_ID} or
     * {@value NoteFlow#SHORT_LINK}, with {@value ApiCalls#PROBE}, and the route makes the call.
     */
    public void due(Exchange exchange) {
        Message message = exchange.getMessage();
        AccountGate.Stop stop = gate.stop().orElse(null);
        if (!probing || stop == null || gate.isShuttingDown() || clock.instant().isBefore(stop.resumeAt())) {
            return;
        }
        if (stop.reason() == Reason.DAILY_QUOTA_EXCEEDED) {
            gate.reopen();
            return;
        }
        if (stop.reason() == Reason.OUTBOX_UNWRITABLE) {
            if (storageWritable.getAsBoolean()) {
                gate.reopen();
            } else {
                gate.postpone();
            }
            return;
        }
        String probe = stop.probeTarget() == null ? ANY_NOTE : stop.probeTarget();
        message.setHeader(NoteId.of(probe).isPresent() ? NoteFlow.NOTE_ID : NoteFlow.SHORT_LINK, probe);
        message.setHeader(ApiCalls.PROBE, true);
    }

    /** The probe was answered with an account-stop code: the next one in an hour. */
    public void stillStopped(Exchange exchange) {
        gate.postpone();
        LOG.warn("API account still unusable (code {}: {}); next probe in an hour",
                exchange.getMessage().getHeader(Answers.CODE), exchange.getMessage().getHeader(Answers.MESSAGE));
    }

    /** Any other answer, even a failure of the note: the account answers again. */
    public void usable(Exchange exchange) {
        gate.reopen();
    }
}
