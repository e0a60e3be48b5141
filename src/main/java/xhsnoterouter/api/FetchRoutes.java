package xhsnoterouter.api;

import static xhsnoterouter.FatalErrors.guard;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

import xhsnoterouter.Endpoints;
import xhsnoterouter.ingest.NoteTask;
import xhsnoterouter.ingest.NoteTask.Step;

/**
 * fetch-note: one attempt per message, then on to the route the outcome table names. A short link whose note was
 * named before in its file, is in flight from another, or is archived has no outcome of its own: it is only counted.
 */
public final class FetchRoutes extends RouteBuilder {

    private final Fetcher fetcher;
    private final RetryScheduler retries;
    private final String fetchQueue;
    private final int concurrency;

    public FetchRoutes(Fetcher fetcher, RetryScheduler retries, String fetchQueue, int concurrency) {
        this.fetcher = fetcher;
        this.retries = retries;
        this.fetchQueue = fetchQueue;
        this.concurrency = concurrency;
    }

    @Override
    public void configure() {
        // As many workers as calls allowed in flight, not more: a worker classifies its answer before another call can
        // start, so an account stop or a full disk is seen before the next call (a spare worker would send one more).
        from(fetchQueue + "&concurrentConsumers=" + concurrency + "&pollTimeout=200").routeId("fetch-note")
                .startupOrder(20)
                .process(guard(e -> fetcher.attempt(task(e))))
                .choice()
                    .when(nextIs(Step.ARCHIVE)).to(Endpoints.ARCHIVE_NOTE)
                    .when(nextIs(Step.RETRY_LATER)).to(Endpoints.RETRY_LATER)
                    .when(nextIs(Step.RECORD_FAILURE)).to(Endpoints.RECORD_FAILURE)
                    .when(FetchRoutes::isCountedOnly).process(guard(e -> task(e).batch().settle(task(e))))
                    .otherwise().to(Endpoints.KEEP_PENDING)
                .end();

        from(Endpoints.RETRY_LATER).routeId("retry-later").startupOrder(21)
                .process(guard(e -> retries.schedule(task(e))));
    }

    static NoteTask task(Exchange exchange) {
        return exchange.getMessage().getBody(NoteTask.class);
    }

    static boolean isCountedOnly(Exchange exchange) {
        Step next = task(exchange).next();
        return next == Step.DUPLICATE || next == Step.ALREADY_FETCHED;
    }

    static Predicate nextIs(Step step) {
        return e -> task(e).next() == step;
    }
}
