package xhsnoterouter.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request's query string as the simulator reads it. */
final class QueryParams {

    private QueryParams() {
    }

    /** First value of each parameter, decoded; a malformed escape leaves the parameter out. */
    static Map<String, String> parse(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // treated as absent, which the API answers with 400 (or 100 for the token)
            }
        }
        return params;
    }
}
