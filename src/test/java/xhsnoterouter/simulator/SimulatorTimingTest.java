package xhsnoterouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class SimulatorTimingTest {

    private static final String ID = "698ab064000000001503876d";

    @Test
    void answersArriveAfterTheConfiguredLatency() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 200, "", 42))) {
            SimClient client = new SimClient(simulator);
            client.get(ID); // connection set up outside the measurement
            long started = System.nanoTime();
            HttpResponse<String> response = client.get(ID);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void latencyAppliesToFaultAnswersToo() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 200, "302:1", 42))) {
            long started = System.nanoTime();
            HttpResponse<String> response = new SimClient(simulator).get(ID);

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void fiftyConcurrentSlowRequestsAreServedTogetherNotOneThreadEach() throws Exception {
        try (Simulator simulator = Simulator.start(new SimulatorSettings(0, 200, "", 42))) {
            SimClient client = new SimClient(simulator);
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(client.getAsync(String.format("%024x", i + 1)));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
            assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
            assertThat(simulator.maxInFlight()).isGreaterThan(4).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void sequentialRequestsAreNeverInFlightTogether() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
            SimClient client = new SimClient(simulator);
            for (int i = 0; i < 20; i++) {
                client.get(ID);
            }

            assertThat(simulator.maxInFlight()).isEqualTo(1);
        }
    }

    @Test
    void keepAliveRequestsTakeAboutAMillisecondNotADelayedAck() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults())) {
            SimClient client = new SimClient(simulator);
            for (int i = 0; i < 200; i++) {
                client.get(String.format("%024x", i)); // warm-up
            }
            int count = 300;
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                client.get(String.format("%024x", i));
            }
            Duration perRequest = Duration.ofNanos(System.nanoTime() - started).dividedBy(count);

            // With Nagle's algorithm on, every answer would wait ~40 ms for the client's delayed ACK.
            assertThat(perRequest).isLessThan(Duration.ofMillis(15));
        }
    }
}
