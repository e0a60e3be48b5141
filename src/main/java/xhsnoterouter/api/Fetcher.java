package xhsnoterouter.api;

import java.time.Clock;

import xhsnoterouter.ingest.NoteTask;

/**
 * One attempt at one note: ask the gate, call the API, classify the answer, and set the note's next step.
 * This is where SPEC §6's table meets the retry budget and the account stop.
 */
public final class Fetcher {

    private final ApiClient client;
    private final Classifier classifier;
    private final AccountGate gate;
    private final RateGate rate;
    private final RetryScheduler retries;
    private final int maxAttempts;
    private final Clock clock;

    public Fetcher(ApiClient client, Classifier classifier, AccountGate gate, RateGate rate, RetryScheduler retries,
                   int maxAttempts, Clock clock) {
        this.client = client;
        this.classifier = classifier;
        this.gate = gate;
        this.rate = rate;
        this.retries = retries;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    public void attempt(NoteTask task) {
        if (!gate.isOpen()) {
            task.keepPending();
            return;
        }
        ApiResponse answer;
        try {
            answer = client.fetchNote(task.noteId().value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.keepPending();
            return;
        }
        task.batch().apiCalled();
        Verdict verdict = classifier.classify(answer);
        task.attempted(clock.instant(), verdict.code(), verdict.httpStatus(), verdict.message());
        if (verdict.kind() == Verdict.Kind.RETRY && verdict.asksToSlowDown()) {
            rate.slowDown();
        } else if (verdict.kind() != Verdict.Kind.RETRY) {
            rate.succeeded();
        }
        switch (verdict.kind()) {
            case FETCHED -> task.fetched(answer.body(), verdict.response());
            case NOT_FOUND, FAILED -> task.fail(verdict.reason(), verdict.message());
            case RETRY -> {
                if (task.attempts() < maxAttempts) {
                    task.retryLater();
                } else {
                    task.fail(Reason.RETRIES_EXHAUSTED, verdict.message());
                }
            }
            case ACCOUNT_STOP -> {
                gate.close(verdict, task.noteId().value());
                retries.expedite();
                task.keepPending();
            }
            default -> throw new IllegalStateException("unknown verdict " + verdict.kind());
        }
    }
}
