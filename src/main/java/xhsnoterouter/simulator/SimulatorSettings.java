package xhsnoterouter.simulator;

/**
 * How the built-in simulator runs: {@code simulator.port} (0 = any free port), {@code simulator.latency-ms},
 * {@code simulator.faults} (see {@link FaultPlan}), {@code simulator.seed}, {@code simulator.rate-limit-per-second}
 * (0 = no limit; see {@link RateLimit}) and {@code simulator.images-per-note} (0 = each note's own draw, 1 to 4 images
 * and 1 for a video note; N = exactly N images for every note, for a benchmark of media downloads).
 */
public record SimulatorSettings(int port, long latencyMs, String faults, long seed, double rateLimitPerSecond,
                                int imagesPerNote) {

    /** The most {@code simulator.images-per-note} accepts. */
    public static final int MAX_IMAGES_PER_NOTE = 100;

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
        if (imagesPerNote < 0 || imagesPerNote > MAX_IMAGES_PER_NOTE) {
            throw new IllegalArgumentException("simulator.images-per-note: " + imagesPerNote
                    + " - use 0 (each note's own draw) or 1-" + MAX_IMAGES_PER_NOTE);
        }
        faults = faults == null ? "" : faults.trim();
    }

    /** Each note's own number of images. */
    public SimulatorSettings(int port, long latencyMs, String faults, long seed, double rateLimitPerSecond) {
        this(port, latencyMs, faults, seed, rateLimitPerSecond, 0);
    }

    /** No rate limit. */
    public SimulatorSettings(int port, long latencyMs, String faults, long seed) {
        this(port, latencyMs, faults, seed, 0);
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 0, "", 42, 0, 0);
    }

    public SimulatorSettings withRateLimit(double perSecond) {
        return new SimulatorSettings(port, latencyMs, faults, seed, perSecond, imagesPerNote);
    }
}
