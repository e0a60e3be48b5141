package xhsnoterouter.simulator;

/**
 * How the built-in simulator runs: {@code simulator.port} (0 = any free port), {@code simulator.latency-ms},
 * {@code simulator.faults} (see {@link FaultPlan}), {@code simulator.seed} and {@code simulator.rate-limit-per-second}
 * (0 = no limit; see {@link RateLimit}).
 */
public record SimulatorSettings(int port, long latencyMs, String faults, long seed, double rateLimitPerSecond) {

    public SimulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("simulator.port: " + port + " - use 0 (any free port) or 1-65535");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("simulator.latency-ms: " + latencyMs + " - must be 0 or more");
        }
        if (!(rateLimitPerSecond >= 0) || Double.isInfinite(rateLimitPerSecond)) {
            throw new IllegalArgumentException("simulator.rate-limit-per-second: " + rateLimitPerSecond
                    + " - use 0 (no limit) or a positive number of requests per second");
        }
        faults = faults == null ? "" : faults.trim();
    }

    /** No rate limit. */
    public SimulatorSettings(int port, long latencyMs, String faults, long seed) {
        this(port, latencyMs, faults, seed, 0);
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 0, "", 42, 0);
    }

    public SimulatorSettings withRateLimit(double perSecond) {
        return new SimulatorSettings(port, latencyMs, faults, seed, perSecond);
    }
}
