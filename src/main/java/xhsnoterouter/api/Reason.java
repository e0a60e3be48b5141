package xhsnoterouter.api;

/** Why a note did not end fetched (SPEC §6), or why the account stopped. The names are part of the contract. */
public enum Reason {
    NOT_FOUND,
    RETRIES_EXHAUSTED,
    INVALID_PARAMS,
    INVALID_TOKEN,
    PERMISSION_DENIED,
    INSUFFICIENT_BALANCE,
    TOKEN_SPENDING_CAP,
    DAILY_QUOTA_EXCEEDED,
    UNEXPECTED_CODE,
    INVALID_INPUT,
    /** A share link that led to no note: no usable redirect, a redirect without a note ID, or "no content". */
    UNRESOLVED_LINK,
    /** Not the account: the outbox (or state folder) cannot be written, e.g. a full disk. Calls pause the same way. */
    OUTBOX_UNWRITABLE
}
