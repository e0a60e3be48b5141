package xhsnoterouter.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Bean {@code mailMessages} of routes/mail.yaml: turns the event an outbox attempt carries into the mail's subject,
 * its HTML body and the plain-text alternative (camel-mail's {@code CamelMailAlternativeBody}), so camel-mail
 * sends one {@code multipart/alternative} mail. See {@link MailContent} for what each event's mail says.
 */
public final class MailMessages {

    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    public void compose(Exchange exchange) {
        Event event = exchange.getProperty(EventsComponent.EVENT_PROPERTY, Event.class);
        if (event == null) {
            throw new IllegalArgumentException("the message carries no event: mailMessages takes messages from an "
                    + OutboxComponent.SCHEME + ": route");
        }
        MailContent content = MailContent.of(event);
        Message message = exchange.getMessage();
        message.setHeader("Subject", content.subject());
        message.setHeader(ALTERNATIVE_BODY, content.text());
        message.setBody(content.html());
    }
}
