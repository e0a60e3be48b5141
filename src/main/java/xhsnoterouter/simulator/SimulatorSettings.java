package xhsnoterouter.simulator;

/**
 * How the built-in simulator runs: {@code simulator.port} (0 = any free port), {@code simulator.latency-ms},
 * {@code simulator.faults} (see {@link FaultPlan}) and {@code simulator.seed}.
 */
public record SimulatorSettings(int port, long latencyMs, String faults, long seed) {

    public SimulatorSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("simulator.port: " + port + " - use 0 (any free port) or 1-65535");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("simulator.latency-ms: " + latencyMs + " - must be 0 or more");
        }
        faults = faults == null ? "" : faults.trim();
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 0, "", 42);
    }
}
