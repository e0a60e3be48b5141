package xhsnoterouter.observe;

/**
 * What the business classes tell the metrics, in their own words: no Camel, no Micrometer. Made once in
 * {@code NoteRouter}; {@link #NONE} when management is off, so a call costs nothing then. Each method is at most a
 * counter increment or two on the note's path.
 */
public interface Metrics {

    /** Does nothing: management is off (or a test does not look). */
    Metrics NONE = new Metrics() {
    };

    /** Where a note ended, as in its batch's counts. */
    enum Outcome {
        FETCHED, NOT_FOUND, FAILED, INVALID, PENDING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What became of one delivery attempt of an event to a sink. */
    enum DeliveryResult {
        DELIVERED, RETRIED, SPOOLED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An HTTP request to the API is starting (after the rate gate let it through). */
    default void requestStarted() {
    }

    /** That request has ended, answered or not, after {@code nanos}. */
    default void requestEnded(long nanos) {
    }

    /**
     * One API call was made and classified.
     *
     * @param code       the API's {@code code}, null when the answer was not the API's JSON (or none came)
     * @param httpStatus the HTTP status, null or 0 when no response arrived
     */
    default void apiCalled(Integer code, Integer httpStatus) {
    }

    /** A note (or an invalid entry) reached its outcome; {@code reason} is null for fetched and pending notes. */
    default void noteSettled(Outcome outcome, String reason) {
    }

    /** A note's attempt is to be repeated after a back-off. */
    default void retryScheduled() {
    }

    default void delivery(String sink, DeliveryResult result) {
    }
}
