package xhsnoterouter.ingest;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.api.Reason;

/**
 * One entry of an input file on its way to an outcome: the message body of every note route.
 * Mutable on purpose: each route step adds what it learned (attempts, last answer, next step).
 */
public final class NoteTask {

    /** Which route the note goes to next. */
    public enum Step { FETCH, ARCHIVE, RETRY_LATER, RECORD_FAILURE, KEEP_PENDING }

    private final NoteId noteId;
    private final String input;
    private final Source source;
    private final Batch batch;
    private int attempts;
    private Instant firstAttemptAt;
    private Instant lastAttemptAt;
    private Integer lastCode;
    private Integer lastHttpStatus;
    private String lastMessage;
    private Reason reason;
    private Step next = Step.FETCH;
    private byte[] body;
    private JsonNode response;

    private NoteTask(NoteId noteId, String input, Source source, Batch batch) {
        this.noteId = noteId;
        this.input = input;
        this.source = source;
        this.batch = batch;
    }

    public static NoteTask toFetch(NoteId noteId, String input, Source source, Batch batch) {
        return new NoteTask(noteId, input, source, batch);
    }

    public static NoteTask invalid(String input, String problem, Source source, Batch batch) {
        NoteTask task = new NoteTask(null, input, source, batch);
        task.fail(Reason.INVALID_INPUT, problem);
        return task;
    }

    /** Records one API attempt's answer. */
    public void attempted(Instant at, Integer code, Integer httpStatus, String message) {
        attempts++;
        if (firstAttemptAt == null) {
            firstAttemptAt = at;
        }
        lastAttemptAt = at;
        lastCode = code;
        lastHttpStatus = httpStatus;
        lastMessage = message;
    }

    public void fetched(byte[] body, JsonNode response) {
        this.body = body;
        this.response = response;
        this.next = Step.ARCHIVE;
    }

    public void fail(Reason reason, String message) {
        this.reason = reason;
        if (message != null) {
            this.lastMessage = message;
        }
        this.next = Step.RECORD_FAILURE;
    }

    public void retryLater() {
        this.next = Step.RETRY_LATER;
    }

    public void keepPending() {
        this.next = Step.KEEP_PENDING;
    }

    public void fetchAgain() {
        this.next = Step.FETCH;
    }

    /** Drops the response once archived, so a settled task holds no body. */
    public void releaseBody() {
        this.body = null;
        this.response = null;
    }

    public NoteId noteId() {
        return noteId;
    }

    public String input() {
        return input;
    }

    public Source source() {
        return source;
    }

    public Batch batch() {
        return batch;
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstAttemptAt() {
        return firstAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer lastCode() {
        return lastCode;
    }

    public Integer lastHttpStatus() {
        return lastHttpStatus;
    }

    public String lastMessage() {
        return lastMessage;
    }

    public Reason reason() {
        return reason;
    }

    public Step next() {
        return next;
    }

    public byte[] body() {
        return body;
    }

    public JsonNode response() {
        return response;
    }

    @Override
    public String toString() {
        return (noteId == null ? "invalid entry" : noteId.value()) + " (" + source.file() + ":" + source.line() + ")";
    }
}
