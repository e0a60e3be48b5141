package xhsnoterouter.api;

import java.time.Clock;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.observe.Metrics;

/**
 * While the account is stopped, decides when to try again: after the quota reset for 303 (no call needed),
 * otherwise one probe call an hour with the note (or the short link being resolved) that saw the stop. Called
 * periodically by a timer route.
 */
public final class AccountProbe {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProbe.class);

    private final AccountGate gate;
    private final ApiClient client;
    private final Classifier classifier;
    private final Clock clock;
    private final BooleanSupplier storageWritable;
    private final Metrics metrics;

    public AccountProbe(AccountGate gate, ApiClient client, Classifier classifier, Clock clock,
                        BooleanSupplier storageWritable) {
        this(gate, client, classifier, clock, storageWritable, Metrics.NONE);
    }

    /** @param metrics counts the probe calls with the others: each costs the account like a note */
    public AccountProbe(AccountGate gate, ApiClient client, Classifier classifier, Clock clock,
                        BooleanSupplier storageWritable, Metrics metrics) {
        this.metrics = metrics;
        this.storageWritable = storageWritable;
        this.gate = gate;
        this.client = client;
        this.classifier = classifier;
        this.clock = clock;
    }

    /**
     * Asked when the stop was met elsewhere (another instance): any well-formed note ID tells whether the account
     * answers (a missing note is code 201, still an answer). The first ID of samples/demo-ids.txt.
     */
    public static final String ANY_NOTE = "269e0d37f2a74de452e6b438";

    public void check() throws InterruptedException {
        AccountGate.Stop stop = gate.stop().orElse(null);
        if (stop == null || gate.isShuttingDown() || clock.instant().isBefore(stop.resumeAt())) {
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
        Verdict verdict = NoteId.of(probe).isPresent()
                ? classifier.classify(client.fetchNote(probe))
                : classifier.classifyLink(client.resolveShareLink(probe));
        metrics.apiCalled(verdict.code(), verdict.httpStatus());
        if (verdict.kind() == Verdict.Kind.ACCOUNT_STOP) {
            gate.postpone();
            LOG.warn("API account still unusable: {} (code {}); next probe in an hour", verdict.reason(), verdict.code());
        } else {
            gate.reopen();
        }
    }
}
