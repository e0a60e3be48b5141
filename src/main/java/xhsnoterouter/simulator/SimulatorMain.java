package xhsnoterouter.simulator;

import java.util.Map;

/**
 * The simulator on its own, in a JVM of its own (benchmarks that measure the app alone):
 * {@code java -cp xhs-note-router.jar xhsnoterouter.simulator.SimulatorMain}. Settings come from the same
 * environment variables as in the app (SIMULATOR_PORT, SIMULATOR_LATENCY_MS, SIMULATOR_FAULTS, SIMULATOR_SEED,
 * SIMULATOR_RATE_LIMIT_PER_SECOND, SIMULATOR_IMAGES_PER_NOTE).
 * Prints its base URL as the first line of standard output, then serves until stopped.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        SimulatorSettings defaults = SimulatorSettings.defaults();
        SimulatorSettings settings = new SimulatorSettings(
                Integer.parseInt(env.getOrDefault("SIMULATOR_PORT", Integer.toString(defaults.port()))),
                Long.parseLong(env.getOrDefault("SIMULATOR_LATENCY_MS", Long.toString(defaults.latencyMs()))),
                env.getOrDefault("SIMULATOR_FAULTS", defaults.faults()),
                Long.parseLong(env.getOrDefault("SIMULATOR_SEED", Long.toString(defaults.seed()))),
                Double.parseDouble(env.getOrDefault("SIMULATOR_RATE_LIMIT_PER_SECOND",
                        Double.toString(defaults.rateLimitPerSecond()))),
                Integer.parseInt(env.getOrDefault("SIMULATOR_IMAGES_PER_NOTE", Integer.toString(defaults.imagesPerNote()))));
        Simulator simulator = Simulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println(simulator.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
