package xhsnoterouter.delivery;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An endpoint that delivers the events sent to it through a {@link Courier}: the producer only queues, so a
 * slow or dead receiver never holds up the route. A sink without a destination is off and drops events.
 */
class SinkEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String sink;
    private final Deliveries deliveries;
    private final Supplier<Transport> transport;
    private final int maxAttempts;
    private final String offBecause;
    private Courier courier;

    /** {@code offBecause}: why the sink is off, or null when it delivers. */
    SinkEndpoint(String uri, Component component, String sink, Deliveries deliveries, Supplier<Transport> transport,
                 int maxAttempts, String offBecause) {
        super(uri, component);
        this.sink = sink;
        this.deliveries = deliveries;
        this.transport = transport;
        this.maxAttempts = maxAttempts;
        this.offBecause = offBecause;
    }

    static String checkName(String scheme, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(scheme + ":" + name + ": the sink name must be 1 to 64 letters, digits, "
                    + "'.', '-' or '_' (it names the folder outbox/undelivered/<name>/)");
        }
        return name;
    }

    static int positive(String scheme, String name, String key, Object value, int fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.toString().trim());
            if (n >= 1 && n <= 3600) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(scheme + ":" + name + ": " + key + " '" + value + "' must be a whole number from 1 to 3600");
    }

    /** Whether this sink drops every event (no destination set). */
    boolean isOff() {
        return offBecause != null;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (offBecause != null) {
            LOG.info("Delivery '{}' off: {}", sink, offBecause);
        } else {
            courier = deliveries.courier(sink, getEndpointUri(), transport, maxAttempts);
        }
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                if (courier != null) {
                    courier.offer(SinkEvents.from(exchange));
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointBaseUri() + " only delivers (use it in 'to')");
    }
}
