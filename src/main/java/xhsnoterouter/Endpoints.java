package xhsnoterouter;

/** The internal endpoints that join the routes, in the order a note lives them. */
public final class Endpoints {

    /** Fed by the input files; back-pressure: ingest blocks while the queue is full. */
    public static String fetchQueue(int size) {
        return "seda:fetch?size=" + size + "&blockWhenFull=true";
    }

    public static final String INGEST = "direct:ingest";
    public static final String ARCHIVE_NOTE = "direct:archive-note";
    public static final String RECORD_FAILURE = "direct:record-failure";
    public static final String KEEP_PENDING = "direct:keep-pending";

    private Endpoints() {
    }
}
