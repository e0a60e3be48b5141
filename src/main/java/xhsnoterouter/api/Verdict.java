package xhsnoterouter.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The routing decision for one API answer (SPEC §6): what came back, read from HTTP status and body together.
 *
 * @param response the parsed body when it was the API's JSON envelope, else null
 */
public record Verdict(Kind kind, Reason reason, Integer code, Integer httpStatus, String message, JsonNode response) {

    public enum Kind {
        /** code 0 with a note */
        FETCHED,
        /** no such note; final */
        NOT_FOUND,
        /** worth another attempt after a back-off */
        RETRY,
        /** final failure of this note */
        FAILED,
        /** the account cannot be used: stop calling the API */
        ACCOUNT_STOP
    }

    /** A rate-limit answer: the whole pipeline should slow down, not only this note. */
    public boolean asksToSlowDown() {
        return (code != null && code == 302) || (httpStatus != null && httpStatus == 429);
    }
}
