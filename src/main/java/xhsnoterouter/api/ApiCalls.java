package xhsnoterouter.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import xhsnoterouter.observe.Metrics;

/**
 * Brackets each camel-http call to the API (routes {@code call-note-detail}, {@code call-share-link}): {@link #open}
 * before it, {@link #close} in the {@code doFinally} after it. Opening waits for the account gate, a free slot and
 * the pace's turn ({@link RateGate}); the slot is held until the call has ended, body included.
 */
public final class ApiCalls {

    /** Set by {@link #open}: false when no call was made (the account is stopped, or the app is stopping). */
    public static final String CALL_MADE = "XnrCallMade";
    /** Set by the route before the call: a probe of a stopped account goes through the closed gate. */
    public static final String PROBE = "XnrProbe";
    private static final String STARTED = "XnrCallStarted";

    private final AccountGate gate;
    private final RateGate rate;
    private final WholeRequestDeadline deadline;
    private final Metrics metrics;

    public ApiCalls(AccountGate gate, RateGate rate, WholeRequestDeadline deadline, Metrics metrics) {
        this.gate = gate;
        this.rate = rate;
        this.deadline = deadline;
        this.metrics = metrics;
    }

    public void open(Exchange exchange) {
        Message message = exchange.getMessage();
        for (String header : Answers.HEADERS) {
            message.removeHeader(header);
        }
        boolean probe = message.getHeader(PROBE, false, Boolean.class);
        if (!probe && !gate.isOpen()) {
            message.setHeader(CALL_MADE, false);
            return;
        }
        try {
            rate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message.setHeader(CALL_MADE, false);
            return;
        }
        message.setHeader(CALL_MADE, true);
        exchange.setProperty(STARTED, System.nanoTime());
        metrics.requestStarted();
        deadline.begin();
    }

    /** After the call, whatever happened to it (the route's {@code doFinally}). */
    public void close(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started == null) {
            return;
        }
        exchange.removeProperty(STARTED);
        deadline.end();
        metrics.requestEnded(System.nanoTime() - started);
        rate.release();
    }
}
