package xhsnoterouter.delivery;

import java.util.Map;
import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code xnr-events:note.fetched,batch.completed}: starts a route with every event of the listed types. The
 * body is the event's JSON text; headers {@code XnrEvent}, {@code XnrDeliveryId}, {@code XnrOccurredAt}.
 * The route runs on the thread that raised the event, so it should hand the event on quickly (the
 * {@code xnr-outbox:} sinks only queue).
 */
public final class EventsComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");

    public static final String SCHEME = "xnr-events";
    public static final String EVENT_HEADER = "XnrEvent";
    public static final String DELIVERY_ID_HEADER = "XnrDeliveryId";
    public static final String OCCURRED_AT_HEADER = "XnrOccurredAt";
    /** The event itself, so the sinks send its exact bytes when a route left the body as it was. */
    static final String EVENT_PROPERTY = "XnrEventObject";

    private final EventBus bus;

    public EventsComponent(EventBus bus) {
        this.bus = bus;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        Set<EventType> types;
        try {
            types = EventType.parseList(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SCHEME + ":" + remaining + ": " + e.getMessage());
        }
        return new EventsEndpoint(uri, this, types);
    }

    /** Several routes may start from the same events: each gets every one of them. */
    static final class EventsEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
        private final Set<EventType> types;

        EventsEndpoint(String uri, EventsComponent component, Set<EventType> types) {
            super(uri, component);
            this.types = types;
        }

        @Override
        public boolean isMultipleConsumersSupported() {
            return true;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(SCHEME + ": starts routes (use it in 'from'); send to "
                    + "xnr-outbox:<sink> instead");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new EventsConsumer(this, processor);
        }

        EventBus bus() {
            return ((EventsComponent) getComponent()).bus;
        }
    }

    static final class EventsConsumer extends DefaultConsumer {
        private EventBus.Subscription subscription;

        EventsConsumer(EventsEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            EventsEndpoint endpoint = (EventsEndpoint) getEndpoint();
            subscription = endpoint.bus().subscribe(endpoint.types, this::deliver);
        }

        @Override
        protected void doStop() throws Exception {
            if (subscription != null) {
                ((EventsEndpoint) getEndpoint()).bus().unsubscribe(subscription);
            }
            super.doStop();
        }

        /** One line, not a stack trace: the note is done either way; the route's own sink may have kept it. */
        private void failed(Event event, Exception e) {
            LOG.warn("Route {} could not handle event {}: {}", getRouteId(), event, e.getMessage());
            LOG.debug("route failure", e);
        }

        private void deliver(Event event) {
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setBody(event.bodyText());
                exchange.getMessage().setHeader(EVENT_HEADER, event.type().wireName());
                exchange.getMessage().setHeader(DELIVERY_ID_HEADER, event.deliveryId());
                exchange.getMessage().setHeader(OCCURRED_AT_HEADER, event.occurredAt().toString());
                exchange.setProperty(EVENT_PROPERTY, event);
                getProcessor().process(exchange);
                if (exchange.getException() != null) {
                    failed(event, exchange.getException());
                }
            } catch (Exception e) {
                failed(event, e);
            } finally {
                releaseExchange(exchange, false);
            }
        }
    }
}
