package xhsnoterouter.api;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;

/**
 * The note's bookkeeping at each step of the routes in {@code routes/fetch.yaml}: which call comes next, the
 * attempts and answers a note has had, and the outcome a branch of the {@code choice} gives it. The note travels in
 * exchange property {@value #TASK} while the message body is the API's answer; each outcome method returns it, so
 * the body is the note again when the branch hands it on ({@code direct:archive-note}, {@code record-failure},
 * {@code keep-pending}, the retry timer). Decides nothing the routes decide: the reason is given by the branch.
 */
public final class NoteFlow {

    public static final String TASK = "XnrTask";
    public static final String NOTE_ID = "XnrNoteId";
    public static final String SHORT_LINK = "XnrShortLink";
    /** Set by the failure branches: a {@link Reason} name. */
    public static final String REASON = "XnrReason";
    public static final String ATTEMPTS_LEFT = "XnrAttemptsLeft";
    /** After a link is resolved: FETCH, or DUPLICATE / ALREADY_FETCHED when its note is only counted. */
    public static final String NEXT = "XnrNext";

    /** Checks the note a short link led to, as for an ID read from the file; sets the task's next step. */
    @FunctionalInterface
    public interface ResolvedLinks {
        void admit(NoteTask task, NoteId id);
    }

    private final AccountGate gate;
    private final RetryScheduler retries;
    private final int maxAttempts;
    private final Clock clock;
    private final ResolvedLinks resolvedLinks;

    public NoteFlow(AccountGate gate, RetryScheduler retries, int maxAttempts, Clock clock, ResolvedLinks resolvedLinks) {
        this.gate = gate;
        this.retries = retries;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.resolvedLinks = resolvedLinks;
    }

    /** A note from the fetch queue: kept aside in {@value #TASK}; headers say what to call. */
    public void take(Exchange exchange) {
        NoteTask task = exchange.getMessage().getBody(NoteTask.class);
        exchange.setProperty(TASK, task);
        Message message = exchange.getMessage();
        // those a file's exchange brings along (a pattern here compiled a regex per header: 2 % of a worker's CPU)
        message.removeHeader(SHORT_LINK);
        message.removeHeader(NOTE_ID);
        message.removeHeader(REASON);
        if (task.isUnresolvedLink()) {
            message.setHeader(SHORT_LINK, task.shortLink());
        } else {
            message.setHeader(NOTE_ID, task.noteId().value());
        }
    }

    /** A call was made for the note: one attempt more, with what came back. */
    public void answered(Exchange exchange) {
        Message message = exchange.getMessage();
        NoteTask task = task(exchange);
        // a call cut off mid-body leaves camel-http's fresh message without the request's headers
        if (task.isUnresolvedLink()) {
            message.setHeader(SHORT_LINK, task.shortLink());
        } else {
            message.setHeader(NOTE_ID, task.noteId().value());
        }
        if (!message.getHeader(ApiCalls.CALL_MADE, false, Boolean.class)) {
            return;
        }
        task.batch().apiCalled();
        task.attempted(clock.instant(), message.getHeader(Answers.CODE) instanceof Integer code ? code : null,
                message.getHeader(Answers.HTTP_STATUS, Integer.class), message.getHeader(Answers.MESSAGE, String.class));
    }

    public NoteTask fetched(Exchange exchange) {
        NoteTask task = task(exchange);
        task.fetched(exchange.getProperty(Answers.RAW_BODY, byte[].class),
                exchange.getMessage().getBody(com.fasterxml.jackson.databind.JsonNode.class));
        return task;
    }

    /** A final failure, for the reason in header {@value #REASON}. */
    public NoteTask failed(Exchange exchange) {
        NoteTask task = task(exchange);
        Reason reason = Reason.valueOf(exchange.getMessage().getHeader(REASON, String.class).trim());
        task.fail(reason, exchange.getMessage().getHeader(Answers.MESSAGE, String.class));
        return task;
    }

    /** Worth another attempt: header {@value #ATTEMPTS_LEFT} says whether the note has any left. */
    public NoteTask retry(Exchange exchange) {
        NoteTask task = task(exchange);
        int left = Math.max(0, maxAttempts - task.attempts());
        exchange.getMessage().setHeader(ATTEMPTS_LEFT, left);
        if (left > 0) {
            task.retryLater();
        }
        return task;
    }

    /** The account cannot be used: the gate closes (once), waiting notes are handed back, this one is kept pending. */
    public NoteTask accountStop(Exchange exchange) {
        NoteTask task = task(exchange);
        Message message = exchange.getMessage();
        Integer code = message.getHeader(Answers.CODE) instanceof Integer c ? c : null;
        String reason = message.getHeader(REASON, String.class);
        gate.close(reason != null ? Reason.valueOf(reason.trim()) : stopReason(code), code,
                message.getHeader(Answers.MESSAGE, String.class),
                task.isUnresolvedLink() ? task.shortLink() : task.noteId().value());
        retries.expedite();
        task.keepPending();
        return task;
    }

    /** Not tried: the account is stopped or the app is stopping. */
    public NoteTask pending(Exchange exchange) {
        NoteTask task = task(exchange);
        task.keepPending();
        return task;
    }

    /** The short link led to a note: checked like an ID read from the file; header {@value #NEXT} says what follows. */
    public void linkResolved(Exchange exchange) {
        NoteTask task = task(exchange);
        NoteId id = NoteId.of(exchange.getMessage().getHeader(Answers.LINK_TARGET, String.class)).orElseThrow();
        resolvedLinks.admit(task, id);
        exchange.getMessage().setHeader(NEXT, task.next().name());
        exchange.getMessage().setHeader(NOTE_ID, id.value());
    }

    /** A resolved link whose note was named before, is in flight from another file, or is archived: only counted. */
    public void counted(Exchange exchange) {
        NoteTask task = task(exchange);
        task.batch().settle(task);
        exchange.getMessage().setBody(task);
    }

    /** SPEC §6's reasons for the account-stop codes; a code a user moved into that flow stops as UNEXPECTED_CODE. */
    static Reason stopReason(Integer code) {
        if (code == null) {
            return Reason.UNEXPECTED_CODE;
        }
        return switch (code) {
            case 100 -> Reason.INVALID_TOKEN;
            case 303 -> Reason.DAILY_QUOTA_EXCEEDED;
            case 600 -> Reason.PERMISSION_DENIED;
            case 601 -> Reason.INSUFFICIENT_BALANCE;
            case 602 -> Reason.TOKEN_SPENDING_CAP;
            default -> Reason.UNEXPECTED_CODE;
        };
    }

    private static NoteTask task(Exchange exchange) {
        return exchange.getProperty(TASK, NoteTask.class);
    }
}
