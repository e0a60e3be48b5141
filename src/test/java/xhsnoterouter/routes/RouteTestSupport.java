package xhsnoterouter.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.Service;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.io.TempDir;

import xhsnoterouter.NoteRouter;
import xhsnoterouter.api.AccountGate;
import xhsnoterouter.config.Settings;
import xhsnoterouter.support.MutableClock;
import xhsnoterouter.support.Workspace;

/**
 * Base of the route tests: Camel's test kit around the app's own CamelContext. Each test gets the real app as
 * {@link NoteRouter} assembles it (routes/*.yaml, the Java routes, the real beans) in a temp working folder
 * ({@link #work}), built but not started, so that a test can advise routes by id ({@link #answerApiCallsWith},
 * {@link AdviceWith}) before {@link #startApp()}. Every message sent to a {@code direct:} endpoint also reaches
 * {@code mock:direct:<name>} ({@link #mock}); {@link #dropAndAwait} waits with a {@link NotifyBuilder}, not a sleep.
 * <p>
 * {@link CamelTestSupport}, not CamelMainTestSupport: the app's Camel Main is made and filled by NoteRouter (beans
 * built from Settings, the Java routes, the start and stop work of App), and CamelMainTestSupport would configure a
 * Main of its own, so the test would wire a second copy of the app. CamelTestSupport takes the context NoteRouter's
 * Main has initialised ({@link #createCamelContext()}); Camel's own start and stop go to the app's
 * ({@link AppLifecycle}).
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    protected static final String TOKEN = "test-token-route-tests";
    /** retry.max-attempts of every route test: a retried note ends in three calls. */
    protected static final int MAX_ATTEMPTS = 3;
    /** Nothing listens there: a call a test did not answer is refused on loopback, never sent anywhere. */
    private static final String NOWHERE = "http://127.0.0.1:9";
    private static final int WAIT_SECONDS = 20;
    private static final String NOTE_DETAIL_API = "mock:api:note-detail";
    private static final String SHARE_LINK_API = "mock:api:share-link";

    @TempDir
    Path dir;
    protected Workspace work;
    protected final MutableClock clock = new MutableClock();
    private NoteRouter app;

    /** More settings of this test's app ({@code work.set(key, value)}), before it is built. */
    protected void settings(Workspace work) {
    }

    /** false (default): the app as with {@code --once}; true: service mode (account probes, ...). */
    protected boolean serviceMode() {
        return false;
    }

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        // The context is started by the test, after its advice.
        test.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.withMockEndpoints("direct:*");
        context.withCamelContextService(new AppLifecycle());
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        work = new Workspace(dir).set("justoneapi.base-url", NOWHERE).set("justoneapi.token", TOKEN)
                .set("retry.max-attempts", Integer.toString(MAX_ATTEMPTS))
                // one worker: a second note is taken only once the first has its answer (an account stop closes the gate)
                .set("justoneapi.concurrency", "1");
        settings(work);
        Settings settings = work.settings();
        app = new NoteRouter(settings, settings.baseUrl(), settings.token(), false, !serviceMode(), clock);
        return app.prepare();
    }

    /**
     * The two API calls ({@code call-note-detail}, {@code call-share-link}) go to {@code mock:api:note-detail} and
     * {@code mock:api:share-link} instead of camel-http; those mocks answer as {@code api} scripts it.
     */
    protected void answerApiCallsWith(StandInApi api) throws Exception {
        AdviceWith.adviceWith(context, "call-note-detail",
                a -> a.weaveByToUri(".*/get-note-detail/v1.*").replace().to(NOTE_DETAIL_API));
        AdviceWith.adviceWith(context, "call-share-link",
                a -> a.weaveByToUri(".*/share-url-transfer/v1.*").replace().to(SHARE_LINK_API));
        getMockEndpoint(NOTE_DETAIL_API).whenAnyExchangeReceived(api.noteDetail());
        getMockEndpoint(SHARE_LINK_API).whenAnyExchangeReceived(api.shareLink());
    }

    /** The calls that reached the API (the camel-http step) for note details. */
    protected MockEndpoint noteDetailApi() {
        return getMockEndpoint(NOTE_DETAIL_API);
    }

    /** The calls that reached the API (the camel-http step) for short links. */
    protected MockEndpoint shareLinkApi() {
        return getMockEndpoint(SHARE_LINK_API);
    }

    /** Starts the app, advised or not (as {@code --once} starts it, or the service without its blocking run). */
    protected void startApp() throws Exception {
        startCamelContext();
    }

    /** What was sent to {@code direct:<name>}. */
    protected MockEndpoint mock(String directName) {
        return getMockEndpoint("mock:direct:" + directName);
    }

    /**
     * Sends an input file to {@code direct:ingest} as the inbox route does, from a folder no route watches, and
     * returns when each of its notes has its outcome (the ingest route waits for them): no polling, no read lock.
     */
    protected void ingest(String name, String content) throws IOException {
        Path file = Files.createDirectories(work.dir().resolve("input")).resolve(name);
        Files.writeString(file, content);
        template.sendBodyAndHeaders("direct:ingest", null,
                Map.of(Exchange.FILE_PATH, file.toString(), Exchange.FILE_NAME, name));
    }

    /** The account gate the app's routes consult (stopped by an account-stop code, reopened by a probe). */
    protected AccountGate gate() {
        return app.gate();
    }

    /** Drops an input file into the inbox and waits until the inbox route has handed it over and it has ended. */
    protected void dropAndAwait(String name, String content) {
        awaitInbox(() -> work.drop(name, content));
    }

    /** Runs {@code dropping} (which puts one file into the inbox) and waits until the inbox route has ended that file. */
    protected void awaitInbox(Runnable dropping) {
        // the file's own exchange: the copies split from it (one per entry) are done as soon as they are queued
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox").wereSentTo("direct:ingest").whenDone(1).create();
        dropping.run();
        assertThat(done.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("a file processed by the inbox route").isTrue();
    }

    protected void assertMocksSatisfied() throws InterruptedException {
        MockEndpoint.assertIsSatisfied(context, WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The test kit starts and stops the context through the app, as App does. */
    private final class AppLifecycle implements Service {

        @Override
        public void start() {
            try {
                app.start();
            } catch (Exception e) {
                throw RuntimeCamelException.wrapRuntimeException(e);
            }
        }

        @Override
        public void stop() {
            try {
                app.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
