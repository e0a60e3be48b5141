package xhsnoterouter.delivery;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The courier's tests send through this: a plain camel-http POST of the event's bytes with its X-Xnr headers, failures
 * described as the outbox describes them. (The product's webhook POST is routes/webhook.yaml, tested on its own.)
 */
final class PostTransport implements Transport {

    private final URI url;
    private final ProducerTemplate template;

    PostTransport(CamelContext camel, URI url) {
        this.url = url;
        this.template = camel.createProducerTemplate();
    }

    @Override
    public CompletableFuture<Void> send(Event event) {
        return template.asyncSend(url + "?httpMethod=POST&okStatusCodeRange=200-299", exchange -> {
            exchange.getMessage().setBody(event.body());
            exchange.getMessage().setHeader("X-Xnr-Event", event.type().wireName());
            exchange.getMessage().setHeader("X-Xnr-Delivery", event.deliveryId());
        }).thenAccept(exchange -> {
            Exception failure = exchange.getException();
            if (failure != null) {
                throw new DeliveryFailure(OutboxConsumer.describe(failure, 2));
            }
        });
    }

    @Override
    public String target() {
        return url.toString();
    }

    @Override
    public int parallelism() {
        return 8;
    }

    @Override
    public void close() {
        try {
            template.stop();
        } catch (RuntimeException e) {
            // test cleanup
        }
    }
}
