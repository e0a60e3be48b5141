package xhsnoterouter.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/** An answer decided when a request arrives, sent at once or later from a timer thread. */
interface Reply {

    String SIMULATOR_HEADER = "X-Simulator";
    String SIMULATOR_VALUE = "xhs-note-router built-in simulator";
    String JSON = "application/json; charset=utf-8";

    /** Writes the answer; the caller closes the exchange. */
    void sendTo(HttpExchange exchange) throws IOException;

    /** Whether the request is never answered (the timeout fault). */
    default boolean holds() {
        return false;
    }

    Reply HOLD = new Reply() {
        @Override
        public void sendTo(HttpExchange exchange) {
        }

        @Override
        public boolean holds() {
            return true;
        }
    };

    // The JDK server drops the connection when an exchange is closed before any header is sent:
    // the nearest it offers to a reset.
    Reply RESET = exchange -> {
    };

    static Reply apiCode(int code) {
        return body(ApiCodes.httpStatus(code), JSON, Envelope.error(code));
    }

    static Reply body(int status, String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().set(SIMULATOR_HEADER, SIMULATOR_VALUE);
            if (body.length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static Reply forFault(Fault fault) {
        return switch (fault.kind()) {
            case API_CODE -> apiCode(fault.code());
            case TIMEOUT -> HOLD;
            case RESET -> RESET;
            case MALFORMED -> body(200, JSON, "{\"code\":0,\"data\":[{\"user\":".getBytes(StandardCharsets.UTF_8));
            case HTTP502 -> body(502, "text/html", BAD_GATEWAY_PAGE.getBytes(StandardCharsets.UTF_8));
            case HTTP429 -> body(429, JSON, new byte[0]);
        };
    }

    String BAD_GATEWAY_PAGE = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}
