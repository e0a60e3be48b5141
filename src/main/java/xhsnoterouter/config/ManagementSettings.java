package xhsnoterouter.config;

/**
 * The health and metrics endpoints ({@code management.*}).
 *
 * @param port 0 = off
 * @param host the address the endpoints listen on; 127.0.0.1 by default, so only this machine sees them
 */
public record ManagementSettings(int port, String host) {

    public boolean enabled() {
        return port != 0;
    }
}
