package xhsnoterouter.ingest;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import xhsnoterouter.api.Reason;

/**
 * One entry of an input file on its way to an outcome: the message body of every note route.
 * Mutable on purpose: each route step adds what it learned (attempts, last answer, next step).
 */
public final class NoteTask {

    /**
     * Which route the note goes to next. DUPLICATE and ALREADY_FETCHED end a short link whose note turned out,
     * once resolved, to be named earlier in the file, in flight from another file, or archived: only counted.
     */
    public enum Step { FETCH, ARCHIVE, RETRY_LATER, RECORD_FAILURE, KEEP_PENDING, DUPLICATE, ALREADY_FETCHED }

    private NoteId noteId;
    private final String shortLink;
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
    private boolean unpublished;

    private NoteTask(NoteId noteId, String shortLink, String input, Source source, Batch batch) {
        this.noteId = noteId;
        this.shortLink = shortLink;
        this.input = input;
        this.source = source;
        this.batch = batch;
    }

    public static NoteTask toFetch(NoteId noteId, String input, Source source, Batch batch) {
        return new NoteTask(noteId, null, input, source, batch);
    }

    /** An xhslink.com short link: the fetch stage resolves it to its note ID first. */
    public static NoteTask toResolve(String shortLink, String input, Source source, Batch batch) {
        return new NoteTask(null, shortLink, input, source, batch);
    }

    public static NoteTask invalid(String input, String problem, Source source, Batch batch) {
        NoteTask task = new NoteTask(null, null, input, source, batch);
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

    /**
     * The short link led to this note: from now on the task is a note like one named by its ID, with the whole
     * retry budget (attempts and their times count the note-detail calls only).
     */
    public void resolvedTo(NoteId id) {
        this.noteId = id;
        this.attempts = 0;
        this.firstAttemptAt = null;
        this.lastAttemptAt = null;
        this.lastCode = null;
        this.lastHttpStatus = null;
        this.lastMessage = null;
        this.next = Step.FETCH;
    }

    /** A resolved link whose note is not fetched again: {@code step} is DUPLICATE or ALREADY_FETCHED. */
    public void onlyCount(Step step) {
        if (step != Step.DUPLICATE && step != Step.ALREADY_FETCHED) {
            throw new IllegalArgumentException("not a counted-only step: " + step);
        }
        this.next = step;
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

    /** Its outcome is written but could not be published (Kafka): the request that named it is not done. */
    public void unpublished() {
        this.unpublished = true;
    }

    /**
     * Whether nothing is left to do for this entry: it settled at an outcome or a count, and that outcome reached
     * every place it must (written, and published when Kafka is on). A note kept pending is not done.
     */
    public boolean isDone() {
        return !unpublished && next != Step.KEEP_PENDING && next != Step.FETCH && next != Step.RETRY_LATER;
    }

    /** Drops the response once archived, so a settled task holds no body. */
    public void releaseBody() {
        this.body = null;
        this.response = null;
    }

    public NoteId noteId() {
        return noteId;
    }

    /** The short link to resolve (normalised), or null for an entry that named its note or was invalid. */
    public String shortLink() {
        return shortLink;
    }

    /** A short link not resolved (yet): no note ID to fetch. */
    public boolean isUnresolvedLink() {
        return shortLink != null && noteId == null;
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
        String what = noteId != null ? noteId.value() : shortLink != null ? shortLink : "invalid entry";
        return what + " (" + source.file() + ":" + source.line() + ")";
    }
}
