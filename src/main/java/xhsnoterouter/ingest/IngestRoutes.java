package xhsnoterouter.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import xhsnoterouter.Endpoints;

/**
 * ingest: one input file, streamed entry by entry into the fetch queue (the inbox wiring itself is YAML, in
 * routes/). resume-pending: notes an earlier run kept pending, fed back through the same ingest route
 * whenever the account gate is open.
 */
public final class IngestRoutes extends RouteBuilder {

    public static final String PENDING_FILTER_BEAN = "pendingWhenGateOpen";

    private final FileIngest ingest;
    private final String fetchQueue;
    private final String pendingDir;

    public IngestRoutes(FileIngest ingest, String fetchQueue, String pendingDir) {
        this.ingest = ingest;
        this.fetchQueue = fetchQueue;
        this.pendingDir = pendingDir;
    }

    @Override
    public void configure() {
        from(Endpoints.INGEST).routeId("ingest").startupOrder(30)
                .onException(Exception.class).handled(true).process(ingest::abort).end()
                .process(ingest::open)
                .filter(exchangeProperty(FileIngest.BATCH).isNotNull())
                    .split(body()).streaming()
                        .process(this::admit)
                        .choice()
                            .when(IngestRoutes::isInvalid).to(Endpoints.RECORD_FAILURE)
                            .when(body().isInstanceOf(NoteTask.class)).to(fetchQueue)
                        .end()
                    .end()
                    .process(ingest::finish)
                .end();

        fromF("file:%s?noop=true&idempotentKey=${file:name}-${file:modified}&antInclude=*%s&filter=#%s&delay=2000"
                + "&initialDelay=0&readLock=none", pendingDir, PendingNotes.SUFFIX, PENDING_FILTER_BEAN)
                .routeId("resume-pending").startupOrder(31)
                .setHeader(FileIngest.RESUMED, constant(true))
                .to(Endpoints.INGEST);
    }

    private static boolean isInvalid(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof NoteTask task && task.next() == NoteTask.Step.RECORD_FAILURE;
    }

    private void admit(Exchange exchange) {
        Batch batch = exchange.getProperty(FileIngest.BATCH, Batch.class);
        exchange.getMessage().setBody(ingest.admit(exchange.getMessage().getBody(RawEntry.class), batch));
    }
}
