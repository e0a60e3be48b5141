package xhsnoterouter.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sink's outbox (see {@link OutboxComponent}): its producer queues events, its consumer makes the attempts. */
final class OutboxEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.delivery");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The reading side's options. */
    record Options(String destination, int maxAttempts, int parallel, int timeoutSeconds) {
    }

    private final String sink;
    private final Deliveries deliveries;
    private final Options options;
    private final AtomicBoolean warnedUnread = new AtomicBoolean();

    OutboxEndpoint(String uri, OutboxComponent component, String sink, Deliveries deliveries, Options options) {
        super(uri, component);
        this.sink = sink;
        this.deliveries = deliveries;
        this.options = options;
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(OutboxComponent.SCHEME + ":" + name + ": the sink name must be 1 to 64 "
                    + "letters, digits, '.', '-' or '_' (it names the folder outbox/undelivered/<name>/)");
        }
        return name;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                Courier courier = deliveries.existing(sink);
                if (courier != null) {
                    courier.offer(SinkEvents.from(exchange));
                } else if (warnedUnread.compareAndSet(false, true)) {
                    LOG.error("Events sent to {}:{} are dropped: no route reads from it (add a route 'from: {}:{}' "
                            + "that sends them on)", OutboxComponent.SCHEME, sink, OutboxComponent.SCHEME, sink);
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OutboxConsumer consumer = new OutboxConsumer(this, processor, options);
        configureConsumer(consumer);
        return consumer;
    }

    String sink() {
        return sink;
    }

    Deliveries deliveries() {
        return deliveries;
    }
}
