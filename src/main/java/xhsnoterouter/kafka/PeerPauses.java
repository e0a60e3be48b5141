package xhsnoterouter.kafka;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xhsnoterouter.Json;
import xhsnoterouter.api.AccountGate;
import xhsnoterouter.api.Reason;
import xhsnoterouter.delivery.EventsComponent;

/**
 * The account is shared: when another instance of the group raises {@code api.paused} for an account stop, this one
 * stops calling too; its {@code api.resumed} reopens the gate here. A full disk elsewhere is that instance's own
 * business. Events this instance raised itself come back on the topic too and are ignored.
 */
final class PeerPauses {

    static final String INSTANCE_HEADER = "XnrInstance";
    private static final Logger LOG = LoggerFactory.getLogger("xhsnoterouter.kafka");
    private static final Set<Reason> ACCOUNT_STOPS = EnumSet.of(Reason.INVALID_TOKEN, Reason.PERMISSION_DENIED,
            Reason.INSUFFICIENT_BALANCE, Reason.TOKEN_SPENDING_CAP, Reason.DAILY_QUOTA_EXCEEDED);

    private final AccountGate gate;
    private final String instance;

    PeerPauses(AccountGate gate, String instance) {
        this.gate = gate;
        this.instance = instance;
    }

    void onEvent(Exchange exchange) {
        String from = exchange.getMessage().getHeader(INSTANCE_HEADER, String.class);
        String type = exchange.getMessage().getHeader(EventsComponent.EVENT_HEADER, String.class);
        if (from == null || from.equals(instance) || type == null) {
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            LOG.warn("Kafka: unreadable {} event from instance {}: {}", type, from, e.getMessage());
            return;
        }
        Reason reason = reason(body.path("reason").asText());
        if (reason == null || !ACCOUNT_STOPS.contains(reason)) {
            return;
        }
        if (type.equals("api.paused")) {
            Instant resumeAt = null;
            try {
                resumeAt = Instant.parse(body.path("resumeAt").asText());
            } catch (RuntimeException e) {
                // No time given: the hourly probe decides.
            }
            gate.closeForPeer(reason, body.path("code").isInt() ? body.path("code").asInt() : null,
                    body.path("message").asText(null), resumeAt, from);
        } else if (type.equals("api.resumed") && gate.stop().filter(s -> ACCOUNT_STOPS.contains(s.reason())).isPresent()) {
            LOG.info("Kafka: instance {} reports the account usable again", from);
            gate.reopen();
        }
    }

    private static Reason reason(String name) {
        try {
            return Reason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
