package xhsnoterouter.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import xhsnoterouter.api.NoteFlow;

/**
 * What the {@code mock:} endpoints in place of the camel-http step of {@code call-note-detail} and {@code call-share-link}
 * answer in a route test ({@link RouteTestSupport#answerApiCallsWith}): what camel-http would hand the route (the
 * body's bytes and {@code CamelHttpResponseCode}), or the exception it would raise. Scripted per note ID or short link; the last answer
 * of a script repeats. An unscripted note gets the vendor's real success answer, an unscripted link code 201.
 */
public final class StandInApi {

    private static final String REFERENCE = "/reference/sample-response-note-detail-v1.json";

    /** One answer: a reply, or a failure thrown where the HTTP call would throw it. */
    public sealed interface Answer permits Reply, Failure {
    }

    public record Reply(int status, byte[] body) implements Answer {
    }

    public record Failure(Exception thrown) implements Answer {
    }

    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** The vendor's documented answer for a note (code 0, one note), byte for byte. */
    public static Answer success() {
        try (InputStream in = StandInApi.class.getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + REFERENCE);
            }
            return new Reply(200, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same envelope with another code and no data, as the API sends it with HTTP 200. */
    public static Answer code(int code, String message) {
        return json(200, "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":null}");
    }

    /** A share-link answer (code 0) whose {@code data.redirect_url} leads to this note. */
    public static Answer redirectTo(String noteId) {
        return json(200, "{\"code\":0,\"message\":\"success\",\"data\":{\"redirect_url\":"
                + "\"https://www.xiaohongshu.com/discovery/item/" + noteId + "?xsec_source=app_share\"}}");
    }

    /** Any status and body, e.g. an HTML 502 page or JSON cut short. */
    public static Answer json(int status, String body) {
        return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** No answer in time: what camel-http throws when its response timeout fires. */
    public static Answer timeout() {
        return new Failure(new SocketTimeoutException("Read timed out"));
    }

    public StandInApi script(String noteIdOrLink, Answer... answers) {
        scripts.put(noteIdOrLink, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Every call answered so far, as the note ID or link it was for, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public long calls(String noteIdOrLink) {
        return calls.stream().filter(noteIdOrLink::equals).count();
    }

    /** In place of the note-detail call. */
    public Processor noteDetail() {
        return exchange -> answer(exchange, exchange.getMessage().getHeader(NoteFlow.NOTE_ID, String.class), success());
    }

    /** In place of the share-link call. */
    public Processor shareLink() {
        return exchange -> answer(exchange, exchange.getMessage().getHeader(NoteFlow.SHORT_LINK, String.class),
                code(201, "no content"));
    }

    private void answer(Exchange exchange, String key, Answer otherwise) throws Exception {
        calls.add(key);
        Answer answer = next(key, otherwise);
        if (answer instanceof Failure failure) {
            throw failure.thrown();
        }
        Reply reply = (Reply) answer;
        exchange.getMessage().setBody(reply.body());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
    }

    private Answer next(String key, Answer otherwise) {
        Deque<Answer> script = scripts.get(key);
        if (script == null) {
            return otherwise;
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }
}
