package xhsnoterouter.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

/**
 * What the simulator has seen: requests, attempts and successful answers per note, resolutions per short link
 * (by the note ID it leads to), and the exchanges not yet answered.
 */
final class Traffic {

    private final AtomicLong requests = new AtomicLong();
    private final AttemptCounts attempts = new AttemptCounts();
    private final AttemptCounts linkAttempts = new AttemptCounts();
    private final AttemptCounts v6Attempts = new AttemptCounts();
    private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();
    // Media downloads are counted apart from the API's requests (which the rate figures and in-flight counts are about).
    private final AtomicLong mediaRequests = new AtomicLong();
    private final Map<String, AtomicInteger> mediaByPath = new ConcurrentHashMap<>();
    private final Set<HttpExchange> openMedia = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastArrival = new AtomicLong();

    void arrived(HttpExchange exchange, long nanoTime) {
        requests.incrementAndGet();
        firstArrival.compareAndSet(Long.MIN_VALUE, nanoTime);
        lastArrival.accumulateAndGet(nanoTime, Math::max);
        open.add(exchange);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    /** The 1-based number of this request among those for {@code noteId}. */
    int nextAttempt(String noteId) {
        return attempts.next(noteId);
    }

    /** How many successful answers {@code noteId} had before this one (counted now). */
    int nextAnswer(String noteId) {
        return attempts.nextAnswer(noteId);
    }

    /** The 1-based number of this V6 request among those for {@code noteId}. */
    int nextV6Attempt(String noteId) {
        return v6Attempts.next(noteId);
    }

    /** Successful V1 answers given so far for {@code noteId}. */
    int answersFor(String noteId) {
        return attempts.answers(noteId);
    }

    /** A request on the media path, answered through {@link #answered} like the others. */
    void mediaArrived(HttpExchange exchange) {
        mediaRequests.incrementAndGet();
        openMedia.add(exchange);
    }

    /** The 1-based number of this request among those for the media path {@code /media/<noteId>/<name>}. */
    int nextMediaRequest(String path) {
        return mediaByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    long mediaRequests() {
        return mediaRequests.get();
    }

    int mediaRequestsFor(String path) {
        AtomicInteger n = mediaByPath.get(path);
        return n == null ? 0 : n.get();
    }

    int v6AttemptsFor(String noteId) {
        return v6Attempts.get(noteId);
    }

    /** The 1-based number of this request among those for short links leading to {@code noteId}. */
    int nextLinkAttempt(String noteId) {
        return linkAttempts.next(noteId);
    }

    /**
     * Marks the exchange answered, before its bytes go out, so a client that sends its next request on
     * receiving the answer is never counted twice. False if it was already released (e.g. by close).
     */
    boolean answered(HttpExchange exchange) {
        if (!open.remove(exchange)) {
            return openMedia.remove(exchange);
        }
        inFlight.decrementAndGet();
        return true;
    }

    /** Drops every exchange not yet answered (held timeouts, delayed answers). */
    void releaseAll() {
        for (Set<HttpExchange> exchanges : List.of(open, openMedia)) {
            for (HttpExchange exchange : exchanges) {
                if (answered(exchange)) {
                    exchange.close();
                }
            }
        }
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    long requests() {
        return requests.get();
    }

    long rateLimitedCount() {
        return rateLimited.get();
    }

    /** Requests per second from the first request to the last; 0 before two requests. */
    double requestsPerSecond() {
        long first = firstArrival.get();
        long span = lastArrival.get() - first;
        return first == Long.MIN_VALUE || span <= 0 ? 0 : (requests.get() - 1) * 1e9 / span;
    }

    int attemptsFor(String noteId) {
        return attempts.get(noteId);
    }

    int linkAttemptsFor(String noteId) {
        return linkAttempts.get(noteId);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }
}
