package xhsnoterouter.simulator;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.fasterxml.jackson.databind.JsonNode;

/** One simulator with the default settings for all the tests of a class, and a client for it. */
abstract class RunningSimulator {

    static Simulator simulator;
    static SimClient client;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = Simulator.start(SimulatorSettings.defaults());
        client = new SimClient(simulator);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
