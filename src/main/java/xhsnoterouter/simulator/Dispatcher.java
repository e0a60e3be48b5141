package xhsnoterouter.simulator;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

/**
 * Sends a decided answer {@code latency} after the request arrived, from a timer, so a slow simulated API or CDN
 * costs no handler thread per request; a held answer (the timeout fault) is dropped after {@link #HOLD_LIMIT_SECONDS}.
 * Shared by the API handler and the media handler.
 */
final class Dispatcher {

    // A held (timeout) exchange is dropped after this, so long runs do not pile up sockets whose
    // clients gave up long ago; far beyond any sensible client timeout.
    private static final long HOLD_LIMIT_SECONDS = 300;

    private final Traffic traffic;
    private final ScheduledExecutorService timer;
    private final long latencyNanos;

    Dispatcher(Traffic traffic, ScheduledExecutorService timer, long latencyMs) {
        this.traffic = traffic;
        this.timer = timer;
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMs);
    }

    /** The exchange must have been counted as arrived in {@link Traffic}. */
    void dispatch(HttpExchange exchange, Reply reply, long arrivedAt) {
        try {
            if (reply.holds()) {
                timer.schedule(() -> release(exchange), HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
                return;
            }
            long wait = latencyNanos - (System.nanoTime() - arrivedAt);
            if (wait <= 0) {
                answer(exchange, reply);
            } else {
                timer.schedule(() -> answer(exchange, reply), wait, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException closing) {
            release(exchange);
        }
    }

    private void answer(HttpExchange exchange, Reply reply) {
        if (!traffic.answered(exchange)) {
            return;
        }
        send(exchange, reply);
    }

    private void release(HttpExchange exchange) {
        if (traffic.answered(exchange)) {
            exchange.close();
        }
    }

    /** Sends at once, for requests not counted in {@link Traffic} (unknown paths). */
    static void send(HttpExchange exchange, Reply reply) {
        try {
            reply.sendTo(exchange);
        } catch (IOException clientGone) {
            // The client hung up first; nothing to tell it.
        } finally {
            exchange.close();
        }
    }
}
