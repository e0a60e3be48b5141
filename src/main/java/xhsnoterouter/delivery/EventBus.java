package xhsnoterouter.delivery;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each event to every subscriber that chose its type, on the thread that raised it. Subscribers are the
 * {@code xnr-events:} routes; they must not block (the delivery sinks only queue), and a failing one never
 * stops the others or the note that raised the event.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");

    public record Subscription(Set<EventType> types, Consumer<Event> handler) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Events raised before every route has started wait here, so no delivery route misses the first ones. */
    private volatile List<Event> early = new java.util.ArrayList<>();

    public Subscription subscribe(Set<EventType> types, Consumer<Event> handler) {
        Subscription subscription = new Subscription(Set.copyOf(types), handler);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Whether any route takes this type (or routes are still starting): when none does, the event is not even built. */
    public boolean wants(EventType type) {
        if (early != null) {
            return true;
        }
        for (Subscription s : subscriptions) {
            if (s.types().contains(type)) {
                return true;
            }
        }
        return false;
    }

    public void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    public void publish(Event event) {
        synchronized (this) {
            if (early != null) {
                early.add(event);
                return;
            }
        }
        dispatch(event);
    }

    /** Every route has started: hand over the events that waited, then dispatch as they come. */
    public void open() {
        List<Event> waiting;
        synchronized (this) {
            waiting = early;
            early = null;
        }
        if (waiting != null) {
            waiting.forEach(this::dispatch);
        }
    }

    private void dispatch(Event event) {
        for (Subscription s : subscriptions) {
            if (s.types().contains(event.type())) {
                try {
                    s.handler().accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("Event {} could not be handed to a delivery route: {}", event, e.getMessage());
                }
            }
        }
    }
}
