package xhsnoterouter.simulator;

/** One way of not answering normally; {@code code} is meaningful for {@link Kind#API_CODE} only. */
record Fault(Kind kind, int code) {

    enum Kind { API_CODE, TIMEOUT, RESET, MALFORMED, HTTP502, HTTP429 }

    static Fault apiCode(int code) {
        return new Fault(Kind.API_CODE, code);
    }

    static Fault of(Kind kind) {
        return new Fault(kind, 0);
    }

    /** The name used in {@code simulator.faults}. */
    String label() {
        return kind == Kind.API_CODE ? Integer.toString(code) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
