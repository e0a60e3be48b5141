package xhsnoterouter.api;

import java.time.Clock;
import java.util.function.Function;

import xhsnoterouter.ingest.NoteId;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.observe.Metrics;

/**
 * One attempt at one note: ask the gate, call the API, classify the answer, and set the note's next step.
 * This is where SPEC §6's table meets the retry budget and the account stop. A short link is resolved first,
 * by the same rules; once it leads to a note, that note is checked like one read from the file and, unless
 * only counted, fetched in the same attempt.
 */
public final class Fetcher {

    /** Checks the note a short link led to, as for an ID read from the file; sets the task's next step. */
    @FunctionalInterface
    public interface ResolvedLinks {
        void admit(NoteTask task, NoteId id);
    }

    @FunctionalInterface
    private interface Request {
        ApiResponse send() throws InterruptedException;
    }

    /** A call whose answer was FETCHED: the body as received and its verdict. */
    private record Success(byte[] body, Verdict verdict) {
    }

    private final ApiClient client;
    private final Classifier classifier;
    private final AccountGate gate;
    private final RateGate rate;
    private final RetryScheduler retries;
    private final int maxAttempts;
    private final Clock clock;
    private final ResolvedLinks resolvedLinks;
    private final Metrics metrics;

    public Fetcher(ApiClient client, Classifier classifier, AccountGate gate, RateGate rate, RetryScheduler retries,
                   int maxAttempts, Clock clock, ResolvedLinks resolvedLinks) {
        this(client, classifier, gate, rate, retries, maxAttempts, clock, resolvedLinks, Metrics.NONE);
    }

    public Fetcher(ApiClient client, Classifier classifier, AccountGate gate, RateGate rate, RetryScheduler retries,
                   int maxAttempts, Clock clock, ResolvedLinks resolvedLinks, Metrics metrics) {
        this.metrics = metrics;
        this.client = client;
        this.classifier = classifier;
        this.gate = gate;
        this.rate = rate;
        this.retries = retries;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.resolvedLinks = resolvedLinks;
    }

    public void attempt(NoteTask task) {
        if (task.isUnresolvedLink()) {
            Success resolved = call(task, () -> client.resolveShareLink(task.shortLink()), classifier::classifyLink,
                    task.shortLink());
            if (resolved == null) {
                return;
            }
            resolvedLinks.admit(task, Classifier.linkTarget(resolved.verdict().response()).orElseThrow());
            if (task.next() != NoteTask.Step.FETCH) {
                return;
            }
        }
        String noteId = task.noteId().value();
        Success fetched = call(task, () -> client.fetchNote(noteId), classifier::classify, noteId);
        if (fetched != null) {
            task.fetched(fetched.body(), fetched.verdict().response());
        }
    }

    /**
     * One call through the gates. Returns the answer when it is FETCHED (the caller decides what follows);
     * otherwise sets the task's next step (failure, retry, pending) and returns null.
     *
     * @param probe what the hourly probe asks again while this call's account stop lasts (a note ID or a short link)
     */
    private Success call(NoteTask task, Request request, Function<ApiResponse, Verdict> classify, String probe) {
        if (!gate.isOpen()) {
            task.keepPending();
            return null;
        }
        ApiResponse answer;
        try {
            answer = request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.keepPending();
            return null;
        }
        task.batch().apiCalled();
        Verdict verdict = classify.apply(answer);
        metrics.apiCalled(verdict.code(), verdict.httpStatus());
        task.attempted(clock.instant(), verdict.code(), verdict.httpStatus(), verdict.message());
        if (verdict.kind() == Verdict.Kind.RETRY && verdict.asksToSlowDown()) {
            rate.rateLimited();
        } else {
            rate.accepted();
        }
        switch (verdict.kind()) {
            case FETCHED -> {
                return new Success(answer.body(), verdict);
            }
            case NOT_FOUND, FAILED -> task.fail(verdict.reason(), verdict.message());
            case RETRY -> {
                if (task.attempts() < maxAttempts) {
                    task.retryLater();
                } else {
                    task.fail(Reason.RETRIES_EXHAUSTED, verdict.message());
                }
            }
            case ACCOUNT_STOP -> {
                gate.close(verdict, probe);
                retries.expedite();
                task.keepPending();
            }
            default -> throw new IllegalStateException("unknown verdict " + verdict.kind());
        }
        return null;
    }
}
